/**
 * The host bridge of a plain browser tab served by `parley serve`: settings persist in the
 * browser (localStorage, validated with the shared schema), the server is the page's own origin,
 * and there is no LAN discovery, tray or global shortcut. Structurally an `AppHost`.
 */
import type {
  CallCommand,
  CallState,
  LanMeeting,
  ServerStatus,
} from '../../../shared/ipc-contract';
import {
  applySettingsPatch,
  defaultSettings,
  settingsPatchSchema,
  settingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../../shared/settings';

export const SETTINGS_STORAGE_KEY = 'parley.settings';

/** The part of Storage used (localStorage in a browser; injected in tests). */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

export class WebHostBridge {
  readonly kind = 'web' as const;
  readonly #storage: StorageLike | undefined;
  readonly #location: Pick<Location, 'origin' | 'port' | 'protocol' | 'hostname'>;
  readonly #settingsListeners = new Set<(s: Settings) => void>();
  #settings: Settings | undefined;
  /** Why stored settings were ignored (corrupt or from an incompatible version), if they were. */
  warning: string | null = null;

  constructor(
    storage: StorageLike | undefined,
    location: Pick<Location, 'origin' | 'port' | 'protocol' | 'hostname'>,
  ) {
    this.#storage = storage;
    this.#location = location;
  }

  getSettings(): Promise<Settings> {
    this.#settings ??= this.#load();
    return Promise.resolve(structuredClone(this.#settings));
  }

  async patchSettings(patch: SettingsPatch): Promise<Settings> {
    const current = await this.getSettings();
    const valid = settingsPatchSchema.safeParse(patch);
    if (!valid.success) throw new Error(valid.error.issues[0]?.message ?? 'invalid settings');
    const next = applySettingsPatch(current, valid.data);
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

  /** The page's own server: it served this page, so it is running. */
  getServerStatus(): Promise<ServerStatus | null> {
    const { origin, port, protocol } = this.#location;
    if (!protocol.startsWith('http')) return Promise.resolve(null);
    const portNumber = Number(port || (protocol === 'https:' ? 443 : 80));
    return Promise.resolve({
      state: 'running',
      port: portNumber,
      localUrl: `${origin}/`,
      lanUrls: [`${origin}/`],
      addresses: [this.#location.hostname],
      error: null,
    });
  }

  onServerStatus(_callback: (status: ServerStatus) => void): () => void {
    return () => undefined;
  }

  /** A browser cannot browse mDNS: the list stays empty (join by code or link). */
  listLanMeetings(): Promise<readonly LanMeeting[]> {
    return Promise.resolve([]);
  }

  onLanMeetings(_callback: (meetings: readonly LanMeeting[]) => void): () => void {
    return () => undefined;
  }

  /** No menus, tray or global shortcuts in a tab. */
  onCallCommand(_callback: (command: CallCommand) => void): () => void {
    return () => undefined;
  }

  reportCallState(state: CallState): void {
    if (typeof document !== 'undefined') {
      document.title = state.inCall ? `${state.meetingName ?? 'Meeting'} · Parley` : 'Parley';
    }
  }

  #load(): Settings {
    let raw: string | null = null;
    try {
      raw = this.#storage?.getItem(SETTINGS_STORAGE_KEY) ?? null;
    } catch {
      raw = null;
    }
    if (raw === null) return defaultSettings();
    try {
      const parsed = settingsSchema.safeParse(JSON.parse(raw));
      if (parsed.success) return parsed.data;
      this.warning = 'Saved settings were not valid; defaults are in use.';
    } catch {
      this.warning = 'Saved settings could not be read; defaults are in use.';
    }
    return defaultSettings();
  }
}
