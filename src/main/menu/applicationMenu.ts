/** The application menu bar, built from MenuState (pure; Menu.buildFromTemplate happens in the shell). */
import type { MenuItemConstructorOptions } from 'electron';
import { buildCallMenu } from './callMenu';
import type { MenuActions, MenuState } from './types';

export function buildApplicationMenuTemplate(
  state: MenuState,
  actions: MenuActions,
): MenuItemConstructorOptions[] {
  const mac = state.platform === 'darwin';
  const view: MenuItemConstructorOptions[] = [
    ...(state.dev
      ? ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as const)
      : []),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    ...(mac ? [{ label: state.appName, role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        mac
          ? { role: 'close' }
          : {
              id: 'app.quit',
              label: 'Quit',
              accelerator: 'CommandOrControl+Q',
              click: () => {
                actions.quit();
              },
            },
      ],
    },
    // Edit roles give copy/paste in the chat box (macOS needs them in a menu).
    { label: 'Edit', role: 'editMenu' },
    buildCallMenu(state, actions),
    { label: 'View', submenu: view },
    { label: 'Window', role: 'windowMenu' },
  ];
}
