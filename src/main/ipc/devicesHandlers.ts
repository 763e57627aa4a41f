/** IPC domain: media devices (the renderer enumerates; main persists the choice and lists them in menus). */
import type { DeviceKind } from '../../shared/ipc-contract';
import type { Settings } from '../../shared/settings';
import type { CallStateModel } from '../app/CallStateModel';
import type { IpcHandlers } from './IpcRouter';
import type { SettingsAccess } from './settingsHandlers';

const FIELD: Readonly<Record<DeviceKind, keyof Settings['devices']>> = {
  camera: 'cameraId',
  microphone: 'microphoneId',
  speaker: 'speakerId',
};

export function createDevicesHandlers(
  store: SettingsAccess,
  model: Pick<CallStateModel, 'setDevices'>,
): IpcHandlers<'devices:report' | 'devices:select'> {
  return {
    'devices:report': (devices) => {
      model.setDevices(devices);
      return undefined;
    },
    'devices:select': async ({ kind, deviceId }) => {
      const next = await store.patch({ devices: { [FIELD[kind]]: deviceId } });
      return next.devices;
    },
  };
}

/** Maps a device kind to its settings field (shared with the menu's device submenus). */
export const deviceSettingsField = (kind: DeviceKind): keyof Settings['devices'] => FIELD[kind];
