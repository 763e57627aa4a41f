/** Electron glue: the main window with the hardened options, and its lifecycle hooks. */
import { BrowserWindow } from 'electron';
import { createMainWindowOptions } from '../security/windowOptions';

export interface MainWindowHooks {
  /** The page finished loading (it can receive events now). */
  loaded: () => void;
  /** The page is gone or navigating away (reload, crash, close): forget what it reported. */
  unloaded: () => void;
  closed: () => void;
}

export function createMainWindow(
  preloadPath: string,
  url: string,
  hooks: MainWindowHooks,
): BrowserWindow {
  const win = new BrowserWindow(createMainWindowOptions({ preloadPath }));
  win.once('ready-to-show', () => {
    win.show();
  });
  win.webContents.on('did-finish-load', hooks.loaded);
  win.webContents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) hooks.unloaded();
  });
  win.webContents.on('render-process-gone', hooks.unloaded);
  win.on('closed', () => {
    hooks.unloaded();
    hooks.closed();
  });
  void win.loadURL(url);
  return win;
}
