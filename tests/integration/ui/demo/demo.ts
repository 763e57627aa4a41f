/** The real app (App.vue, stores, views) wired to the scripted meeting, for screenshots. */
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { config as zodConfig } from 'zod';
import App from '../../../../src/renderer/src/App.vue';
import { WebHostBridge } from '../../../../src/renderer/src/host/WebHostBridge';
import { useDevicesStore } from '../../../../src/renderer/src/stores/devices';
import { useHostStore } from '../../../../src/renderer/src/stores/host';
import { provideAppHost } from '../../../../src/renderer/src/stores/hostPort';
import { provideMeetingEngine } from '../../../../src/renderer/src/stores/meeting';
import { useSettingsStore } from '../../../../src/renderer/src/stores/settings';
import '../../../../src/renderer/src/styles/tokens.css';
import '../../../../src/renderer/src/styles/base.css';
import { ScriptedMeeting } from './ScriptedMeeting';

zodConfig({ jitless: true });
provideAppHost(new WebHostBridge(window.localStorage, location));
let engine: ScriptedMeeting | undefined;
provideMeetingEngine((request) => (engine = new ScriptedMeeting(request)));
/** For the test: deliver a chat message from a remote participant. */
(window as unknown as { demoReceive: (id: string, text: string) => void }).demoReceive = (
  id,
  text,
) => {
  engine?.receive(id, text);
};

const app = createApp(App).use(createPinia());
const settings = useSettingsStore();
await settings.load();
app.mount('#app');
void useHostStore().start();
await useDevicesStore().init(settings.deviceSelectionStore);
