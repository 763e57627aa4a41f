/**
 * A desktop host for the settings page without Electron (which cannot run here): settings kept
 * in memory and patched exactly as main does it (the shared patch schema, then
 * applySettingsPatch; failures as `invalid-settings` with field issues), and a hosting server
 * whose status follows `hosting.enabled` and `hosting.port`, with several LAN addresses.
 */
import {
  applySettingsPatch,
  defaultSettings,
  settingsPatchSchema,
  type Settings,
  type SettingsPatch,
} from '../../../../src/shared/settings';
import type { AppHost, ServerStatus } from '../../../../src/renderer/src/stores/hostPort';

/** What main's IPC layer rejects a patch with (a HostError once through the bridge). */
class PatchRejected extends Error {
  override readonly name = 'HostError';
  readonly type = 'invalid-settings';
  constructor(readonly issues: readonly string[]) {
    super(issues[0] ?? 'invalid settings');
  }
}

export const LAN_ADDRESSES = ['192.168.1.23', '10.8.0.5', '169.254.10.2'];

export class ScriptedHost implements AppHost {
  readonly kind = 'electron';
  readonly platform = 'linux';
  readonly capabilities = { hosting: true, callCommands: true, notifications: true };
  settings: Settings = { ...defaultSettings(), displayName: 'Ada' };
  /** Issues the next patch is rejected with (as main would, e.g. a port it refuses). */
  rejectNextPatch: string[] | null = null;
  #status: ServerStatus = this.#statusFor(this.settings);
  readonly #settingsListeners = new Set<(s: Settings) => void>();
  readonly #statusListeners = new Set<(s: ServerStatus) => void>();

  #statusFor(s: Settings): ServerStatus {
    if (!s.hosting.enabled) {
      return {
        state: 'stopped',
        port: null,
        localUrl: null,
        lanUrls: [],
        addresses: [],
        error: null,
      };
    }
    const port = s.hosting.port;
    return {
      state: 'running',
      port,
      localUrl: `http://127.0.0.1:${port}/`,
      lanUrls: LAN_ADDRESSES.map((a) => `http://${a}:${port}/`),
      addresses: LAN_ADDRESSES,
      error: null,
    };
  }

  #setStatus(status: ServerStatus): void {
    this.#status = status;
    for (const l of this.#statusListeners) l(status);
  }

  getSettings(): Promise<Settings> {
    return Promise.resolve(this.settings);
  }

  async patchSettings(patch: SettingsPatch): Promise<Settings> {
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (this.rejectNextPatch) {
      const issues = this.rejectNextPatch;
      this.rejectNextPatch = null;
      throw new PatchRejected(issues);
    }
    const valid = settingsPatchSchema.safeParse(patch);
    if (!valid.success) {
      throw new PatchRejected(
        valid.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`),
      );
    }
    const previous = this.settings;
    this.settings = applySettingsPatch(previous, valid.data);
    for (const l of this.#settingsListeners) l(this.settings);
    const next = this.settings;
    if (
      next.hosting.enabled !== previous.hosting.enabled ||
      next.hosting.port !== previous.hosting.port
    ) {
      if (next.hosting.enabled) {
        this.#setStatus({
          ...this.#statusFor(next),
          state: 'starting',
          lanUrls: [],
          localUrl: null,
        });
        setTimeout(() => {
          this.#setStatus(this.#statusFor(this.settings));
        }, 300);
      } else this.#setStatus(this.#statusFor(next));
    }
    return this.settings;
  }

  onSettingsChanged(callback: (settings: Settings) => void): () => void {
    this.#settingsListeners.add(callback);
    return () => this.#settingsListeners.delete(callback);
  }

  getServerStatus(): Promise<ServerStatus | null> {
    return Promise.resolve(this.#status);
  }

  onServerStatus(callback: (status: ServerStatus) => void): () => void {
    this.#statusListeners.add(callback);
    return () => this.#statusListeners.delete(callback);
  }

  listLanMeetings(): Promise<readonly []> {
    return Promise.resolve([]);
  }

  onLanMeetings(): () => void {
    return () => undefined;
  }

  onCallCommand(): () => void {
    return () => undefined;
  }

  reportCallState(): void {
    // Nothing follows the call here.
  }
}
