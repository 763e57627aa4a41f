import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { config as zodConfig } from 'zod';
import App from './App.vue';
import { ElectronHostBridge, electronApi } from './host/ElectronHostBridge';
import type { HostBridge } from './host/HostBridge';
import { WebHostBridge } from './host/WebHostBridge';
import {
  createMeetingEngineFactory,
  lanSignalingServers,
  ownSignalingServer,
} from './meeting/createMeetingEngine';
import { MeetingCode } from './meeting/MeetingCode';
import { useCallNotificationsStore } from './stores/callNotifications';
import { useDevicesStore } from './stores/devices';
import { useHostStore } from './stores/host';
import { provideAppHost } from './stores/hostPort';
import { provideMeetingEngine } from './stores/meeting';
import { useSettingsStore } from './stores/settings';
import { useUiStore } from './stores/ui';
import './styles/tokens.css';
import './styles/base.css';

// The shared settings schema uses zod; its JIT compiles with `new Function`, which our CSP
// (no unsafe-eval) forbids. Jitless mode validates the same without eval.
zodConfig({ jitless: true });

const api = electronApi();
const host: HostBridge = api
  ? new ElectronHostBridge(api)
  : new WebHostBridge(safeLocalStorage(), location);
provideAppHost(host);
// Real meetings: on the request's server (LAN entry, link, a web page's own server) or else on
// this app's embedded server; a join by code also looks on every server found on the LAN.
provideMeetingEngine(
  createMeetingEngineFactory(
    () =>
      ownSignalingServer({
        kind: host.kind,
        status: useHostStore().server,
        location: host.kind === 'web' ? location : undefined,
      }),
    {},
    () => lanSignalingServers(useHostStore().lanMeetings),
  ),
);

const app = createApp(App).use(createPinia());

async function start(): Promise<void> {
  const settings = useSettingsStore();
  await settings.load();
  app.mount('#app');
  const ui = useUiStore();
  void useHostStore().start();
  // System notifications for chat and joins while the window has no focus (Electron).
  useCallNotificationsStore().start();
  host.onSettingsWarning((message) => ui.toast(message, 'warning'));
  // parley://join/<code>[?server] opened from outside: the lobby, with the code (or the link,
  // when it names the meeting's server) filled in.
  host.onJoinLink((code, server) => {
    ui.navigate({ view: 'lobby', joinCode: server ? linkOrCode(code, server) : code });
  });
  await useDevicesStore().init(settings.deviceSelectionStore);
  if (settings.loadError) ui.toast(settings.loadError, 'error');
}

function linkOrCode(code: string, server: Parameters<typeof MeetingCode.appLink>[1]): string {
  try {
    return MeetingCode.appLink(code, server);
  } catch {
    return code; // the lobby says what is wrong with the code
  }
}

function safeLocalStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

void start();
