/** Inputs of the menu and tray builders: plain data + callbacks, no Electron. */
import type {
  CallCommand,
  CallState,
  DeviceKind,
  MediaDeviceEntry,
} from '../../shared/ipc-contract';
import type { Settings } from '../../shared/settings';

export interface MenuState {
  readonly call: CallState;
  readonly devices: readonly MediaDeviceEntry[];
  readonly selected: Settings['devices'];
  /** The global mute shortcut ('' when none). */
  readonly muteShortcut: string;
  /** True when that shortcut is registered globally (then the menu only displays it). */
  readonly muteShortcutGlobal: boolean;
  readonly platform: string;
  readonly appName: string;
  /** Development build: adds reload and developer tools. */
  readonly dev: boolean;
}

export interface MenuActions {
  command(command: CallCommand): void;
  selectDevice(kind: DeviceKind, deviceId: string | null): void;
  showWindow(): void;
  quit(): void;
}
