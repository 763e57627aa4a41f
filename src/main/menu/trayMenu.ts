/** The tray icon's menu and tooltip: the same call state as the menu bar. */
import type { MenuItemConstructorOptions } from 'electron';
import { buildCallControlItems, buildDeviceSubmenu } from './callMenu';
import type { MenuActions, MenuState } from './types';

export function buildTrayMenuTemplate(
  state: MenuState,
  actions: MenuActions,
): MenuItemConstructorOptions[] {
  const call: MenuItemConstructorOptions[] = state.call.inCall
    ? buildCallControlItems(state, actions).map((item) => ({ ...item, registerAccelerator: false }))
    : [{ id: 'tray.idle', label: 'Not in a meeting', enabled: false }];
  return [
    {
      id: 'tray.show',
      label: `Show ${state.appName}`,
      click: () => {
        actions.showWindow();
      },
    },
    { type: 'separator' },
    ...call,
    { type: 'separator' },
    buildDeviceSubmenu('microphone', state, actions),
    buildDeviceSubmenu('camera', state, actions),
    { type: 'separator' },
    {
      id: 'tray.quit',
      label: `Quit ${state.appName}`,
      click: () => {
        actions.quit();
      },
    },
  ];
}

export function trayTooltip(state: MenuState): string {
  const { call } = state;
  if (!call.inCall) return state.appName;
  const where = call.meetingName ? ` — ${call.meetingName}` : '';
  const people = `${call.participants} ${call.participants === 1 ? 'participant' : 'participants'}`;
  return `${state.appName}${where} (${people}, ${call.muted ? 'muted' : 'microphone on'})`;
}
