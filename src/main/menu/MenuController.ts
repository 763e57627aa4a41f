/**
 * Electron glue: keeps the application menu and the tray in step with MenuState (rebuilt from
 * the pure builders whenever the call state, devices, selection or shortcut change).
 */
import { Menu, Tray, nativeImage } from 'electron';
import type { Logger } from '../logging';
import { buildApplicationMenuTemplate } from './applicationMenu';
import { buildTrayMenuTemplate, trayTooltip } from './trayMenu';
import type { MenuActions, MenuState } from './types';

export class MenuController {
  #state: MenuState;
  readonly #actions: MenuActions;
  readonly #logger: Logger;
  #tray: Tray | null = null;

  constructor(state: MenuState, actions: MenuActions, logger: Logger) {
    this.#state = state;
    this.#actions = actions;
    this.#logger = logger;
  }

  get state(): MenuState {
    return this.#state;
  }

  /** Creates the tray icon (some Linux desktops have no tray: then only the menu bar is used). */
  showTray(iconPath: string): void {
    try {
      const icon = nativeImage.createFromPath(iconPath).resize({ width: 16, height: 16 });
      this.#tray = new Tray(icon);
      this.#tray.on('click', () => {
        this.#actions.showWindow();
      });
    } catch (error) {
      this.#logger.warn('tray icon unavailable', { error });
    }
    this.#render();
  }

  update(patch: Partial<MenuState>): void {
    this.#state = { ...this.#state, ...patch };
    this.#render();
  }

  dispose(): void {
    this.#tray?.destroy();
    this.#tray = null;
  }

  #render(): void {
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(buildApplicationMenuTemplate(this.#state, this.#actions)),
    );
    if (this.#tray && !this.#tray.isDestroyed()) {
      this.#tray.setContextMenu(
        Menu.buildFromTemplate(buildTrayMenuTemplate(this.#state, this.#actions)),
      );
      this.#tray.setToolTip(trayTooltip(this.#state));
    }
  }
}
