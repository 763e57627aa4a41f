/**
 * The Call menu (application menu and tray share it): mute, camera, screen share, hand, leave with
 * labels and accelerators that show the current state, and device submenus with the selection
 * checked. Built by pure functions from MenuState.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { DeviceKind, MediaDeviceEntry } from '../../shared/ipc-contract';
import type { MenuActions, MenuState } from './types';

/** Default in-window accelerator for mute when no global shortcut is set. */
export const DEFAULT_MUTE_ACCELERATOR = 'CommandOrControl+Shift+M';

const KIND: Readonly<
  Record<
    DeviceKind,
    {
      label: string;
      mediaKind: MediaDeviceEntry['kind'];
      field: 'cameraId' | 'microphoneId' | 'speakerId';
    }
  >
> = {
  camera: { label: 'Camera', mediaKind: 'videoinput', field: 'cameraId' },
  microphone: { label: 'Microphone', mediaKind: 'audioinput', field: 'microphoneId' },
  speaker: { label: 'Speaker', mediaKind: 'audiooutput', field: 'speakerId' },
};

/** The call-control items (enabled only in a call). */
export function buildCallControlItems(
  state: MenuState,
  actions: MenuActions,
): MenuItemConstructorOptions[] {
  const { call } = state;
  const enabled = call.inCall;
  return [
    {
      id: 'call.mute',
      label: call.muted ? 'Unmute Microphone' : 'Mute Microphone',
      accelerator: state.muteShortcut || DEFAULT_MUTE_ACCELERATOR,
      // A registered global shortcut already fires; the menu only shows the keys.
      registerAccelerator: !state.muteShortcutGlobal,
      enabled,
      click: () => {
        actions.command('toggle-mute');
      },
    },
    {
      id: 'call.camera',
      label: call.cameraOn ? 'Turn Camera Off' : 'Turn Camera On',
      accelerator: 'CommandOrControl+Shift+V',
      enabled,
      click: () => {
        actions.command('toggle-camera');
      },
    },
    {
      id: 'call.screen',
      label: call.screenSharing ? 'Stop Sharing Screen' : 'Share Screen…',
      accelerator: 'CommandOrControl+Shift+S',
      enabled,
      click: () => {
        actions.command('toggle-screen-share');
      },
    },
    {
      id: 'call.hand',
      label: call.handRaised ? 'Lower Hand' : 'Raise Hand',
      accelerator: 'CommandOrControl+Shift+H',
      enabled,
      click: () => {
        actions.command('toggle-hand');
      },
    },
    { type: 'separator' },
    {
      id: 'call.leave',
      label: 'Leave Meeting',
      accelerator: 'CommandOrControl+Shift+L',
      enabled,
      click: () => {
        actions.command('leave');
      },
    },
  ];
}

/** A radio list of one kind of device; "System Default" stands for null. */
export function buildDeviceSubmenu(
  kind: DeviceKind,
  state: MenuState,
  actions: MenuActions,
): MenuItemConstructorOptions {
  const { label, mediaKind, field } = KIND[kind];
  const selected = state.selected[field];
  const devices = state.devices.filter((d) => d.kind === mediaKind && d.deviceId !== 'default');
  const items: MenuItemConstructorOptions[] = [
    {
      id: `device.${kind}.default`,
      label: 'System Default',
      type: 'radio',
      checked: selected === null,
      click: () => {
        actions.selectDevice(kind, null);
      },
    },
    ...devices.map((d, i): MenuItemConstructorOptions => ({
      id: `device.${kind}.${d.deviceId}`,
      label: d.label || `${label} ${i + 1}`,
      type: 'radio',
      checked: d.deviceId === selected,
      click: () => {
        actions.selectDevice(kind, d.deviceId);
      },
    })),
  ];
  if (selected !== null && !devices.some((d) => d.deviceId === selected)) {
    items.push({
      id: `device.${kind}.missing`,
      label: 'Selected device (not connected)',
      type: 'radio',
      checked: true,
      enabled: false,
    });
  }
  return { id: `device.${kind}`, label, submenu: items };
}

export function buildDeviceSubmenus(
  state: MenuState,
  actions: MenuActions,
): MenuItemConstructorOptions[] {
  return (['camera', 'microphone', 'speaker'] as const).map((k) =>
    buildDeviceSubmenu(k, state, actions),
  );
}

/** The whole Call menu of the menu bar. */
export function buildCallMenu(state: MenuState, actions: MenuActions): MenuItemConstructorOptions {
  return {
    id: 'call',
    label: 'Call',
    submenu: [
      ...buildCallControlItems(state, actions),
      { type: 'separator' },
      ...buildDeviceSubmenus(state, actions),
    ],
  };
}
