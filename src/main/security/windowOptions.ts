/** Options of the main window: every renderer hardening of the Electron security checklist. */
import type { BrowserWindowConstructorOptions } from 'electron';

export interface MainWindowOptionsInput {
  /** Absolute path of the CommonJS preload (out/preload/index.cjs). */
  preloadPath: string;
  /** Window background before the page paints; default a dark neutral. */
  backgroundColor?: string;
}

export function createMainWindowOptions(
  input: MainWindowOptionsInput,
): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Parley',
    backgroundColor: input.backgroundColor ?? '#111418',
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      enableBlinkFeatures: '',
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      // Keep media and timers running when the window is hidden behind others during a call.
      backgroundThrottling: false,
    },
  };
}
