/** The real app (App.vue, stores, views) on a scripted desktop host, to test the settings page. */
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { config as zodConfig } from 'zod';
import App from '../../../../src/renderer/src/App.vue';
import { useHostStore } from '../../../../src/renderer/src/stores/host';
import { provideAppHost } from '../../../../src/renderer/src/stores/hostPort';
import { useSettingsStore } from '../../../../src/renderer/src/stores/settings';
import '../../../../src/renderer/src/styles/tokens.css';
import '../../../../src/renderer/src/styles/base.css';
import { ScriptedHost } from './ScriptedHost';

zodConfig({ jitless: true });
const host = new ScriptedHost();
provideAppHost(host);
/** For the test: the host's saved settings and its failure switch. */
(window as unknown as { demoHost: ScriptedHost }).demoHost = host;

const app = createApp(App).use(createPinia());
await useSettingsStore().load();
await useHostStore().start();
app.mount('#app');
