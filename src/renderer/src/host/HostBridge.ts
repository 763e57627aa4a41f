/**
 * What the UI needs from the process that hosts it. Implemented over the preload API in Electron
 * (ElectronHostBridge) and over HTTP against `parley serve` in a browser (WebHostBridge, issue 4),
 * so stores depend on this interface only (stores/hostPort.ts's AppHost is a structural subset).
 * Every `on*` returns its unsubscribe function.
 */
import type {
  AppInfo,
  CallCommand,
  CallNotification,
  CallState,
  DeviceSelection,
  IpcErrorType,
  LanMeeting,
  MediaDeviceEntry,
  ScreenChoice,
  ScreenPickRequest,
  ScreenSource,
  ScreenSourcesQuery,
  ServerStatus,
} from '../../../shared/ipc-contract';
import type { IceServer } from '../../../shared/ice';
import type { LinkServer } from '../../../shared/meeting-link';
import type { Settings, SettingsPatch } from '../../../shared/settings';

export type Unsubscribe = () => void;

/** Why a host call failed; `type` is the contract's error type, or 'unsupported' by this host. */
export type HostErrorType = IpcErrorType | 'unsupported';

export class HostError extends Error {
  override readonly name = 'HostError';
  constructor(
    readonly type: HostErrorType,
    message: string,
    /** Field-level problems (invalid settings or arguments), fit to show next to the fields. */
    readonly issues: readonly string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** What this host can do; the UI hides what it cannot. */
export interface HostCapabilities {
  /** Runs a signaling server of its own (server status, hosting settings). */
  readonly hosting: boolean;
  /** Lists LAN meetings (mDNS). */
  readonly lanDiscovery: boolean;
  /** Needs the UI's own screen picker (else the browser shows its picker). */
  readonly screenPicker: boolean;
  /** Sends call commands from menus, tray or global shortcuts. */
  readonly callCommands: boolean;
  /** System notifications when the window is not focused. */
  readonly notifications: boolean;
}

/** Where meetings of this app signal by default, and the ICE servers that server hands out. */
export interface MeetingServerConfig {
  readonly server: {
    readonly host: string;
    readonly port: number;
    /** Server path, '/' or '/a/b/'. */
    readonly path: string;
    readonly key: string;
    readonly secure: boolean;
  };
  readonly iceServers: readonly IceServer[];
}

export interface HostBridge {
  readonly kind: 'electron' | 'web';
  readonly capabilities: HostCapabilities;
  readonly platform: string;

  getAppInfo(): Promise<AppInfo>;

  // Settings
  getSettings(): Promise<Settings>;
  /** Rejects with HostError 'invalid-settings' / 'invalid-arguments' and `issues` per field. */
  patchSettings(patch: SettingsPatch): Promise<Settings>;
  onSettingsChanged(listener: (settings: Settings) => void): Unsubscribe;
  /** The host could not use the stored settings as written (message fit to show). */
  onSettingsWarning(listener: (message: string) => void): Unsubscribe;

  // Hosting and LAN
  getServerStatus(): Promise<ServerStatus>;
  onServerStatus(listener: (status: ServerStatus) => void): Unsubscribe;
  listLanMeetings(): Promise<readonly LanMeeting[]>;
  /**
   * The server meetings use when none is chosen, where the host knows it (a web page: the
   * `parley serve` it came from); absent or null: the engine's own default.
   */
  getMeetingServer?(): Promise<MeetingServerConfig | null>;
  onLanMeetings(listener: (meetings: readonly LanMeeting[]) => void): Unsubscribe;

  // Devices
  reportDevices(devices: readonly MediaDeviceEntry[]): Promise<void>;
  /** Persists a choice; resolves with the stored device ids. */
  selectDevice(selection: DeviceSelection): Promise<Settings['devices']>;

  // Call
  /** Menus, tray and power-save follow what the UI reports here (fire and forget; failures logged). */
  reportCallState(state: CallState): void;
  onCallCommand(listener: (command: CallCommand) => void): Unsubscribe;
  /** Shown only when the window has no focus; resolves whether it was shown. */
  notify(notification: CallNotification): Promise<boolean>;
  /**
   * A meeting link was opened from outside (parley://join/<code>[?host=..&port=..]); `server` is
   * the meeting's signaling server when the link names one (validated by main).
   */
  onJoinLink(listener: (code: string, server?: LinkServer) => void): Unsubscribe;

  // Screen share
  listScreenSources(query: ScreenSourcesQuery): Promise<readonly ScreenSource[]>;
  /** The host wants the UI to show its picker (after getDisplayMedia()). */
  onScreenPickRequest(listener: (request: ScreenPickRequest) => void): Unsubscribe;
  /** A pick request ended without an answer (timeout): close the picker. */
  onScreenPickCancelled(listener: (requestId: string) => void): Unsubscribe;
  chooseScreenSource(choice: ScreenChoice): Promise<void>;

  /** Opens an http(s) link in the system browser; rejects for anything else. */
  openExternal(url: string): Promise<void>;
}
