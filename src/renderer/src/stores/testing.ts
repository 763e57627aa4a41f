/** Test helpers for the stores: a host driven by the test. Not imported by production code. */
import { applySettingsPatch, defaultSettings } from '../../../shared/settings';
import type {
  AppHost,
  CallNotification,
  HostCapabilities,
  ScreenChoice,
  ScreenPickRequest,
  ScreenSource,
  Settings,
  SettingsPatch,
} from './hostPort';

const none = (): (() => void) => () => undefined;

/** An Electron-like host: records what the stores ask of it; the test plays main's part. */
export class FakeHost implements AppHost {
  readonly kind = 'electron' as const;
  capabilities: Partial<HostCapabilities> = { screenPicker: true, notifications: true };
  platform = 'linux';
  settings: Settings = defaultSettings();
  readonly notified: CallNotification[] = [];
  readonly choices: ScreenChoice[] = [];
  readonly patches: SettingsPatch[] = [];
  readonly #settingsListeners = new Set<(s: Settings) => void>();
  readonly #pickListeners = new Set<(r: ScreenPickRequest) => void>();
  readonly #cancelListeners = new Set<(id: string) => void>();

  getSettings(): Promise<Settings> {
    return Promise.resolve(structuredClone(this.settings));
  }
  patchSettings(patch: SettingsPatch): Promise<Settings> {
    this.patches.push(patch);
    this.changeSettings(patch);
    return Promise.resolve(structuredClone(this.settings));
  }
  onSettingsChanged(callback: (settings: Settings) => void): () => void {
    this.#settingsListeners.add(callback);
    return () => this.#settingsListeners.delete(callback);
  }
  getServerStatus = (): Promise<null> => Promise.resolve(null);
  onServerStatus = none;
  listLanMeetings = (): Promise<never[]> => Promise.resolve([]);
  onLanMeetings = none;
  onCallCommand = none;
  reportCallState(): void {}
  notify(notification: CallNotification): Promise<boolean> {
    this.notified.push(notification);
    return Promise.resolve(true);
  }
  onScreenPickRequest(callback: (request: ScreenPickRequest) => void): () => void {
    this.#pickListeners.add(callback);
    return () => this.#pickListeners.delete(callback);
  }
  onScreenPickCancelled(callback: (requestId: string) => void): () => void {
    this.#cancelListeners.add(callback);
    return () => this.#cancelListeners.delete(callback);
  }
  chooseScreenSource(choice: ScreenChoice): Promise<void> {
    this.choices.push(choice);
    return Promise.resolve();
  }

  /** Settings changed by main (the Call menu, the tray) or by our own patch. */
  changeSettings(patch: SettingsPatch): void {
    this.settings = applySettingsPatch(this.settings, patch);
    for (const l of this.#settingsListeners) l(structuredClone(this.settings));
  }
  /** Main asks for the picker. */
  requestPick(request: ScreenPickRequest): void {
    for (const l of this.#pickListeners) l(request);
  }
  /** Main gave up on a pick (timeout). */
  cancelPick(requestId: string): void {
    for (const l of this.#cancelListeners) l(requestId);
  }
  get pickListeners(): number {
    return this.#pickListeners.size;
  }
}

/** A screen or window source with a tiny thumbnail. */
export function source(id: string, name: string, thumbnail = true): ScreenSource {
  return {
    id,
    name,
    kind: id.startsWith('screen:') ? 'screen' : 'window',
    thumbnailDataUrl: thumbnail ? 'data:image/png;base64,iVBORw0KGgo=' : '',
    appIconDataUrl: null,
  };
}
