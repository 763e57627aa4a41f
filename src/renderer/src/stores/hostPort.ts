/**
 * What the stores need from the host process (Electron main, or `parley serve` for a browser
 * tab). Structural, so any HostBridge implementation that has these members plugs in; main.ts
 * provides one at startup.
 */
import type {
  CallCommand,
  CallNotification,
  CallState,
  LanMeeting,
  ScreenChoice,
  ScreenPickRequest,
  ScreenSource,
  ServerStatus,
} from '../../../shared/ipc-contract';
import type { Settings, SettingsPatch } from '../../../shared/settings';
import type { HostCapabilities, MeetingServerConfig } from '../host/HostBridge';

export type {
  CallCommand,
  CallNotification,
  CallState,
  HostCapabilities,
  LanMeeting,
  MeetingServerConfig,
  ScreenChoice,
  ScreenPickRequest,
  ScreenSource,
  ServerStatus,
  Settings,
  SettingsPatch,
};

export interface AppHost {
  /** 'electron' in the desktop app, 'web' in a browser tab served by `parley serve`. */
  readonly kind: 'electron' | 'web';
  getSettings(): Promise<Settings>;
  patchSettings(patch: SettingsPatch): Promise<Settings>;
  /** Settings changed elsewhere (another window, the tray). Returns an unsubscribe function. */
  onSettingsChanged(callback: (settings: Settings) => void): () => void;
  /** The signaling server this app hosts or uses; null when unknown. */
  getServerStatus(): Promise<ServerStatus | null>;
  onServerStatus(callback: (status: ServerStatus) => void): () => void;
  /** Meetings found on the LAN (mDNS); empty where discovery is not available. */
  listLanMeetings(): Promise<readonly LanMeeting[]>;
  onLanMeetings(callback: (meetings: readonly LanMeeting[]) => void): () => void;
  /** The server meetings use by default, where the host knows it (a web page's own server). */
  getMeetingServer?(): Promise<MeetingServerConfig | null>;
  /** Call-control commands from menus, tray or global shortcuts. */
  onCallCommand(callback: (command: CallCommand) => void): () => void;
  reportCallState(state: CallState): void;
  /** What the host can do; absent members count as false. */
  readonly capabilities?: Partial<HostCapabilities>;
  /** process.platform in Electron ('win32' shares system audio), 'web' in a tab. */
  readonly platform?: string;
  /** A system notification, shown by the host only when the window has no focus. */
  notify?(notification: CallNotification): Promise<boolean>;
  /** The host wants the UI's screen picker (capabilities.screenPicker). */
  onScreenPickRequest?(callback: (request: ScreenPickRequest) => void): () => void;
  /** A pick request ended without an answer (timeout, superseded): close the picker. */
  onScreenPickCancelled?(callback: (requestId: string) => void): () => void;
  chooseScreenSource?(choice: ScreenChoice): Promise<void>;
}

let current: AppHost | undefined;

/** Sets the host for the stores (main.ts, or a test). */
export function provideAppHost(host: AppHost): void {
  current = host;
}

/** The host set by provideAppHost; throws when the app was started without one. */
export function appHost(): AppHost {
  if (!current) throw new Error('no host bridge: call provideAppHost() before using the stores');
  return current;
}
