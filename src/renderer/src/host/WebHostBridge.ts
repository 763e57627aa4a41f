/**
 * The host bridge of a plain browser tab served by `parley serve`: settings persist in the
 * browser (localStorage, validated and migrated with the shared schema, as main does), the server is the page's own origin
 * (its status from GET /health; path, key and ICE servers from GET {path}parley/config, {path}
 * being the folder the page was served from), and there is no LAN discovery, tray, global
 * shortcut or custom screen picker (the browser shows its own).
 */
import type {
  AppInfo,
  CallCommand,
  CallNotification,
  CallState,
  DeviceSelection,
  LanMeeting,
  MediaDeviceEntry,
  ScreenChoice,
  ScreenPickRequest,
  ScreenSource,
  ServerStatus,
} from '../../../shared/ipc-contract';
import { IceConfigError } from '../../../shared/ice';
import {
  HostError,
  type HostBridge,
  type HostCapabilities,
  type MeetingServerConfig,
  type Unsubscribe,
} from './HostBridge';
import { parseServerConfig, type ServerConfig } from './serverConfig';
import {
  applySettingsPatch,
  defaultSettings,
  settingsPatchSchema,
  type Settings,
  type SettingsPatch,
} from '../../../shared/settings';
import { migrateSettings } from '../../../shared/settings-migration';

export const SETTINGS_STORAGE_KEY = 'parley.settings';

/** The part of Storage used (localStorage in a browser; injected in tests). */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

export type PageLocation = Pick<Location, 'origin' | 'port' | 'protocol' | 'hostname'> & {
  /** The page's path (the server path is its folder). Default '/'. */
  readonly pathname?: string;
};

const NONE: Unsubscribe = () => undefined;

export class WebHostBridge implements HostBridge {
  readonly kind = 'web' as const;
  readonly capabilities: HostCapabilities = {
    hosting: false,
    lanDiscovery: false,
    screenPicker: false,
    callCommands: false,
    notifications: false,
  };
  readonly platform: string;
  readonly #storage: StorageLike | undefined;
  readonly #location: PageLocation;
  readonly #fetch: typeof fetch | undefined;
  readonly #settingsListeners = new Set<(s: Settings) => void>();
  readonly #warningListeners = new Set<(message: string) => void>();
  #settings: Settings | undefined;
  #config: Promise<ServerConfig> | undefined;
  /** Why stored settings were ignored (corrupt or from an incompatible version), if they were. */
  warning: string | null = null;

  constructor(
    storage: StorageLike | undefined,
    location: PageLocation,
    options: { fetch?: typeof fetch; platform?: string } = {},
  ) {
    this.#storage = storage;
    this.#location = location;
    this.#fetch =
      options.fetch ?? (typeof fetch === 'function' ? fetch.bind(globalThis) : undefined);
    this.platform = options.platform ?? 'web';
  }

  async getAppInfo(): Promise<AppInfo> {
    const health = await this.#health().catch(() => null);
    return { version: health?.version ?? 'unknown', platform: this.platform };
  }

  getSettings(): Promise<Settings> {
    this.#settings ??= this.#load();
    return Promise.resolve(structuredClone(this.#settings));
  }

  async patchSettings(patch: SettingsPatch): Promise<Settings> {
    const current = await this.getSettings();
    const valid = settingsPatchSchema.safeParse(patch);
    if (!valid.success) {
      const issues = valid.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
      throw new HostError('invalid-settings', issues[0] ?? 'invalid settings', issues);
    }
    let next: Settings;
    try {
      next = applySettingsPatch(current, valid.data);
    } catch (e) {
      throw new HostError(
        'invalid-settings',
        e instanceof Error ? e.message : 'invalid settings',
        [],
        {
          cause: e,
        },
      );
    }
    this.#settings = next;
    try {
      this.#storage?.setItem(SETTINGS_STORAGE_KEY, JSON.stringify(next));
    } catch (e) {
      throw new Error('the browser refused to store settings (private mode or storage full)', {
        cause: e,
      });
    }
    for (const l of this.#settingsListeners) l(structuredClone(next));
    return structuredClone(next);
  }

  onSettingsChanged(callback: (settings: Settings) => void): () => void {
    this.#settingsListeners.add(callback);
    return () => this.#settingsListeners.delete(callback);
  }

  onSettingsWarning(listener: (message: string) => void): Unsubscribe {
    this.#warningListeners.add(listener);
    if (this.warning) listener(this.warning);
    return () => this.#warningListeners.delete(listener);
  }

  /** The page's own server (`parley serve`), checked with GET /health. */
  async getServerStatus(): Promise<ServerStatus> {
    const { origin, port, protocol, hostname } = this.#location;
    const base = {
      port: Number(port || (protocol === 'https:' ? 443 : 80)),
      localUrl: `${origin}/`,
      lanUrls: [`${origin}/`],
      addresses: [hostname],
    };
    try {
      await this.#health();
      return { ...base, state: 'running', error: null };
    } catch (e) {
      return { ...base, state: 'failed', error: e instanceof Error ? e.message : String(e) };
    }
  }

  /**
   * The page's own `parley serve`: host and port of the page, path and key and ICE servers from
   * GET {path}parley/config. Rejects with HostError 'not-available' when the server cannot say.
   */
  async getMeetingServer(): Promise<MeetingServerConfig> {
    const { server, iceServers } = await this.#serverConfig();
    return { server, iceServers };
  }

  /** GET {path}parley/config, parsed (asked again after a failure). */
  #serverConfig(): Promise<ServerConfig> {
    this.#config ??= this.#fetchServerConfig().catch((e: unknown) => {
      this.#config = undefined;
      throw e;
    });
    return this.#config;
  }

  async #fetchServerConfig(): Promise<ServerConfig> {
    const { origin, protocol } = this.#location;
    if (!this.#fetch || !protocol.startsWith('http')) {
      throw new HostError('not-available', 'this page was not served by a Parley server');
    }
    const folder = (this.#location.pathname ?? '/').replace(/[^/]*$/, '') || '/';
    let body: unknown;
    try {
      const response = await this.#fetch(`${origin}${folder}parley/config`, {
        signal: AbortSignal.timeout(5000),
        cache: 'no-store',
      });
      if (!response.ok) throw new Error(`the server answered ${response.status}`);
      body = await response.json();
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      throw new HostError('not-available', `cannot read the server's settings: ${reason}`, [], {
        cause: e,
      });
    }
    try {
      return parseServerConfig(body, this.#location, folder);
    } catch (e) {
      if (!(e instanceof IceConfigError)) throw e;
      const message = `the server's ICE servers are invalid: ${e.message}`;
      throw new HostError('not-available', message, [], { cause: e });
    }
  }

  onServerStatus(_listener: (status: ServerStatus) => void): Unsubscribe {
    return NONE;
  }

  /**
   * A browser cannot browse mDNS: its LAN list is the meeting of the server it came from (named
   * as mDNS names it, so the code matches the desktop apps'); empty when the server names none.
   */
  async listLanMeetings(): Promise<readonly LanMeeting[]> {
    const config = await this.#serverConfig().catch(() => undefined);
    return config?.meeting ? [config.meeting] : [];
  }

  onLanMeetings(_listener: (meetings: readonly LanMeeting[]) => void): Unsubscribe {
    return NONE;
  }

  /** Nobody to tell: device lists matter to the desktop app's menus only. */
  reportDevices(_devices: readonly MediaDeviceEntry[]): Promise<void> {
    return Promise.resolve();
  }

  async selectDevice(selection: DeviceSelection): Promise<Settings['devices']> {
    const key = ({ camera: 'cameraId', microphone: 'microphoneId', speaker: 'speakerId' } as const)[
      selection.kind
    ];
    const next = await this.patchSettings({ devices: { [key]: selection.deviceId } });
    return next.devices;
  }

  /** No menus, tray or global shortcuts in a tab. */
  onCallCommand(_listener: (command: CallCommand) => void): Unsubscribe {
    return NONE;
  }

  /** The tab shows its own toasts; system notifications would need another permission prompt. */
  notify(_notification: CallNotification): Promise<boolean> {
    return Promise.resolve(false);
  }

  /** Links open the page itself (#/join/<code>): the app follows the hash. */
  onJoinLink(_listener: (code: string) => void): Unsubscribe {
    return NONE;
  }

  /** The browser shows its own screen picker for getDisplayMedia(). */
  listScreenSources(): Promise<readonly ScreenSource[]> {
    return Promise.reject(new HostError('unsupported', 'the browser picks the screen itself'));
  }

  onScreenPickRequest(_listener: (request: ScreenPickRequest) => void): Unsubscribe {
    return NONE;
  }

  onScreenPickCancelled(_listener: (requestId: string) => void): Unsubscribe {
    return NONE;
  }

  chooseScreenSource(_choice: ScreenChoice): Promise<void> {
    return Promise.reject(new HostError('unsupported', 'the browser picks the screen itself'));
  }

  /** Opens an http(s) link in a new tab (noopener); rejects anything else. */
  openExternal(url: string): Promise<void> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch (e) {
      return Promise.reject(new HostError('invalid-arguments', 'not a URL', [], { cause: e }));
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      return Promise.reject(new HostError('invalid-arguments', 'only http(s) links open'));
    }
    window.open(parsed.href, '_blank', 'noopener,noreferrer');
    return Promise.resolve();
  }

  reportCallState(state: CallState): void {
    if (typeof document !== 'undefined') {
      document.title = state.inCall ? `${state.meetingName ?? 'Meeting'} · Parley` : 'Parley';
    }
  }

  async #health(): Promise<{ version?: string }> {
    if (!this.#fetch || !this.#location.protocol.startsWith('http')) {
      throw new Error('this page was not served by a Parley server');
    }
    const response = await this.#fetch(`${this.#location.origin}/health`, {
      signal: AbortSignal.timeout(5000),
      cache: 'no-store',
    });
    if (!response.ok) throw new Error(`the server answered ${response.status}`);
    const body: unknown = await response.json();
    const version =
      typeof body === 'object' &&
      body !== null &&
      'version' in body &&
      typeof body.version === 'string'
        ? body.version
        : undefined;
    return version === undefined ? {} : { version };
  }

  #load(): Settings {
    let raw: string | null;
    try {
      raw = this.#storage?.getItem(SETTINGS_STORAGE_KEY) ?? null;
    } catch {
      raw = null;
    }
    if (raw === null) return defaultSettings();
    let stored: unknown;
    try {
      stored = JSON.parse(raw);
    } catch {
      this.warning = 'Saved settings could not be read; defaults are in use.';
      return defaultSettings();
    }
    // As main does with settings.json: older layouts are migrated, each invalid section reset.
    const { settings, issues, changed } = migrateSettings(stored);
    if (issues.length > 0) {
      this.warning = `Some saved settings were not valid; defaults are in use for those (${issues.join('; ')}).`;
    }
    if (changed) {
      try {
        this.#storage?.setItem(SETTINGS_STORAGE_KEY, JSON.stringify(settings));
      } catch {
        // Kept in memory; the next successful save stores them.
      }
    }
    return settings;
  }
}
