/** IPC domain: settings. */
import type { Settings } from '../../shared/settings';
import type { IpcHandlers } from './IpcRouter';

export interface SettingsAccess {
  get(): Settings;
  patch(patch: unknown): Promise<Settings>;
}

export function createSettingsHandlers(
  store: SettingsAccess,
): IpcHandlers<'settings:get' | 'settings:patch'> {
  return {
    'settings:get': () => store.get(),
    'settings:patch': (patch) => store.patch(patch),
  };
}
