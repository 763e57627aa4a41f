/**
 * The real app (App.vue, stores, the ScreenPicker) with a host that, like Electron's main,
 * asks the page to pick a screen: `demoPick()` opens the picker with fake sources (thumbnails
 * drawn on a canvas), and `demoChoices` records the answers.
 */
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { config as zodConfig } from 'zod';
import type {
  ScreenChoice,
  ScreenPickRequest,
  ScreenSource,
} from '../../../../src/shared/ipc-contract';
import App from '../../../../src/renderer/src/App.vue';
import type { HostCapabilities } from '../../../../src/renderer/src/host/HostBridge';
import { WebHostBridge } from '../../../../src/renderer/src/host/WebHostBridge';
import { useDevicesStore } from '../../../../src/renderer/src/stores/devices';
import { useHostStore } from '../../../../src/renderer/src/stores/host';
import { provideAppHost } from '../../../../src/renderer/src/stores/hostPort';
import { useSettingsStore } from '../../../../src/renderer/src/stores/settings';
import '../../../../src/renderer/src/styles/tokens.css';
import '../../../../src/renderer/src/styles/base.css';

zodConfig({ jitless: true });

/** A browser-tab host that behaves like the desktop app for screen picking. */
class PickingHost extends WebHostBridge {
  override readonly capabilities: HostCapabilities = {
    hosting: false,
    lanDiscovery: false,
    screenPicker: true,
    callCommands: false,
    notifications: false,
  };
  override readonly platform = 'win32';
  readonly #listeners = new Set<(r: ScreenPickRequest) => void>();
  readonly choices: ScreenChoice[] = [];

  override onScreenPickRequest(listener: (r: ScreenPickRequest) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  override chooseScreenSource(choice: ScreenChoice): Promise<void> {
    this.choices.push(choice);
    return Promise.resolve();
  }
  pick(request: ScreenPickRequest): void {
    for (const l of this.#listeners) l(request);
  }
}

/** A 320×180 thumbnail: a desktop with windows, or one window's content. */
function thumbnail(kind: 'screen' | 'window', hue: number, title: string): string {
  const canvas = document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 180;
  const g = canvas.getContext('2d');
  if (!g) return '';
  if (kind === 'screen') {
    const sky = g.createLinearGradient(0, 0, 320, 180);
    sky.addColorStop(0, `hsl(${hue} 60% 45%)`);
    sky.addColorStop(1, `hsl(${hue + 40} 55% 25%)`);
    g.fillStyle = sky;
    g.fillRect(0, 0, 320, 180);
    g.fillStyle = 'rgb(0 0 0 / 55%)';
    g.fillRect(0, 166, 320, 14);
    for (const [x, y, w, h] of [
      [24, 22, 150, 100],
      [140, 52, 150, 96],
    ] as const) {
      g.fillStyle = '#f4f6fa';
      g.fillRect(x, y, w, h);
      g.fillStyle = `hsl(${hue} 30% 30%)`;
      g.fillRect(x, y, w, 12);
    }
  } else {
    g.fillStyle = '#1e1f24';
    g.fillRect(0, 0, 320, 180);
    g.fillStyle = `hsl(${hue} 50% 40%)`;
    g.fillRect(0, 0, 320, 18);
    g.fillStyle = '#fff';
    g.font = '11px sans-serif';
    g.fillText(title, 8, 13);
    for (let i = 0; i < 9; i++) {
      g.fillStyle = i % 3 === 0 ? `hsl(${hue} 70% 65%)` : '#c9ccd6';
      g.fillRect(12 + (i % 2) * 16, 30 + i * 16, 120 + ((i * 53) % 150), 7);
    }
  }
  return canvas.toDataURL('image/png');
}

const SOURCES: ScreenSource[] = [
  { id: 'screen:0:0', name: 'Screen 1', kind: 'screen', hue: 215 },
  { id: 'screen:1:0', name: 'Screen 2', kind: 'screen', hue: 150 },
  { id: 'window:101:0', name: 'Quarterly review — Slides', kind: 'window', hue: 20 },
  { id: 'window:102:0', name: 'Terminal', kind: 'window', hue: 280 },
].map(({ hue, ...s }) => ({
  ...s,
  kind: s.kind as ScreenSource['kind'],
  thumbnailDataUrl: thumbnail(s.kind as ScreenSource['kind'], hue, s.name),
  appIconDataUrl: null,
}));

const host = new PickingHost(window.localStorage, location);
provideAppHost(host);
const demo = window as unknown as {
  demoPick: (audio: boolean) => void;
  demoChoices: ScreenChoice[];
};
let requests = 0;
demo.demoPick = (audio) => {
  requests += 1;
  host.pick({ requestId: `r${requests}`, sources: SOURCES, audioRequested: audio });
};
demo.demoChoices = host.choices;

const app = createApp(App).use(createPinia());
const settings = useSettingsStore();
await settings.load();
app.mount('#app');
void useHostStore().start();
await useDevicesStore().init(settings.deviceSelectionStore);
