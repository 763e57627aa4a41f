/**
 * Composition root of the desktop app. Thin: it creates the window and wires the services, all of
 * which live (and are tested) in pure modules: settings/, ipc/, security/, menu/, media/, app/.
 */
import {
  app,
  BrowserWindow,
  globalShortcut,
  nativeTheme,
  Notification,
  powerSaveBlocker,
  session,
  shell,
} from 'electron';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CallNotifier } from './app/CallNotifier';
import { CallStateModel } from './app/CallStateModel';
import { DEEP_LINK_SCHEME, deepLinkFromArgv, parseDeepLink } from './app/deepLink';
import { HostingService } from './app/HostingService';
import { createHostingDeps } from './app/hostingDeps';
import { PowerSaveController } from './app/PowerSaveController';
import { ShutdownSequence } from './app/ShutdownSequence';
import { registerIpc } from './ipc/registerIpc';
import { createLogger, type LogLevel } from './logging';
import { listScreenSources, installDisplayMedia } from './media/installDisplayMedia';
import { ScreenSharePicker } from './media/ScreenSharePicker';
import { GlobalShortcutController } from './menu/GlobalShortcutController';
import { MenuController } from './menu/MenuController';
import { APP_ENTRY_URL, APP_ORIGIN } from './security/appProtocol';
import {
  hardenWebContents,
  installAppProtocol,
  installSessionPolicies,
  registerAppScheme,
} from './security/installSecurity';
import { createMainWindowOptions } from './security/windowOptions';
import { SettingsStore } from './settings/SettingsStore';
import { originOf } from './ipc/trustedSender';

// Every renderer sandboxed, whatever a window's options say (defense in depth).
app.enableSandbox();
registerAppScheme();
app.setName('Parley'); // also names the userData folder, as in the packaged app

const logger = createLogger({
  level: (process.env.PARLEY_LOG_LEVEL as LogLevel | undefined) ?? 'info',
}).child({ process: 'main' });
// A separate profile for tests and second copies: PARLEY_USER_DATA=/tmp/profile.
if (process.env.PARLEY_USER_DATA) {
  mkdirSync(process.env.PARLEY_USER_DATA, { recursive: true });
  app.setPath('userData', resolve(process.env.PARLEY_USER_DATA));
}
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const origins = [APP_ORIGIN, ...(devUrl ? [originOf(devUrl) ?? ''] : [])].filter(Boolean);

let mainWindow: BrowserWindow | null = null;
let pendingDeepLink = deepLinkFromArgv(process.argv);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('open-url', (event, url) => {
    event.preventDefault();
    const code = parseDeepLink(url);
    if (code !== null) deliverDeepLink(code);
  });
  void app.whenReady().then(start);
}

function deliverDeepLink(code: string): void {
  pendingDeepLink = code;
  if (mainWindow && !mainWindow.webContents.isLoading()) flushDeepLink();
  showWindow();
}

function flushDeepLink(): void {
  if (pendingDeepLink === null || !mainWindow) return;
  mainWindow.webContents.send('app:deep-link', { code: pendingDeepLink });
  pendingDeepLink = null;
}

function showWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

async function start(): Promise<void> {
  if (app.isPackaged) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  const ses = session.defaultSession;
  installAppProtocol(ses, join(__dirname, '../renderer'), logger);
  installSessionPolicies(ses, origins, logger);
  hardenWebContents(logger);

  const settings = new SettingsStore({ dir: app.getPath('userData') });
  const loaded = await settings.load();
  for (const w of loaded.warnings) logger.warn('settings', { message: w.message });

  const model = new CallStateModel();
  const picker = new ScreenSharePicker();
  installDisplayMedia(ses, picker, origins, logger);
  const hostingDeps = createHostingDeps({ logger });
  const hosting = new HostingService(hostingDeps);
  const powerSave = new PowerSaveController(powerSaveBlocker);
  const notifier = new CallNotifier({
    isFocused: () => BrowserWindow.getFocusedWindow() !== null,
    isSupported: () => Notification.isSupported(),
    show: (title, body) => {
      const n = new Notification({ title, body, silent: false });
      n.on('click', showWindow);
      n.show();
    },
  });

  const ipc = registerIpc({
    settings,
    model,
    notifier,
    server: hosting,
    picker,
    listSources: listScreenSources,
    openExternal: (url) => shell.openExternal(url),
    info: { version: app.getVersion(), platform: process.platform },
    windows: () => (mainWindow && !mainWindow.isDestroyed() ? [mainWindow.webContents] : []),
    origins,
    logger,
  });
  const send = ipc.events.send.bind(ipc.events);

  const shortcut = new GlobalShortcutController(globalShortcut, () =>
    send('call:command', 'toggle-mute'),
  );
  const menus = new MenuController(
    {
      call: model.state,
      devices: model.devices,
      selected: settings.get().devices,
      muteShortcut: settings.get().shortcuts.muteGlobal,
      muteShortcutGlobal: false,
      platform: process.platform,
      appName: app.getName(),
      dev: !app.isPackaged,
    },
    {
      command: (command) => send('call:command', command),
      selectDevice: (kind, deviceId) => {
        const field =
          kind === 'camera' ? 'cameraId' : kind === 'microphone' ? 'microphoneId' : 'speakerId';
        settings.patch({ devices: { [field]: deviceId } }).catch((error: unknown) => {
          logger.error('device selection failed', { error });
        });
      },
      showWindow,
      quit: () => {
        app.quit();
      },
    },
    logger,
  );
  shortcut.on('change', (active) => {
    menus.update({ muteShortcutGlobal: active !== null });
  });
  shortcut.on('error', (_accelerator, reason) => {
    logger.warn('global mute shortcut not registered', { reason });
    send('settings:warning', { message: `Global mute shortcut: ${reason}` });
  });
  shortcut.apply(settings.get().shortcuts.muteGlobal);
  menus.showTray(
    app.isPackaged
      ? join(process.resourcesPath, 'icons', '32x32.png')
      : join(app.getAppPath(), 'resources', 'icons', '32x32.png'),
  );
  nativeTheme.themeSource = settings.get().theme;

  model.on('call-state', (state) => {
    menus.update({ call: state });
    powerSave.update(state.inCall);
  });
  model.on('devices', (devices) => {
    menus.update({ devices });
  });
  settings.on('change', (next, previous) => {
    send('settings:changed', next);
    nativeTheme.themeSource = next.theme;
    menus.update({ selected: next.devices, muteShortcut: next.shortcuts.muteGlobal });
    if (next.shortcuts.muteGlobal !== previous.shortcuts.muteGlobal)
      shortcut.apply(next.shortcuts.muteGlobal);
    void hosting.apply(next);
  });
  hosting.on('status', (status) => send('server:status', status));
  hosting.on('meetings', (meetings) => send('discovery:meetings', meetings));
  picker.on('pick-request', (request) => send('screen:pick-request', request));
  picker.on('pick-cancelled', (requestId) => send('screen:pick-cancelled', { requestId }));

  app.on('second-instance', (_event, argv) => {
    const code = deepLinkFromArgv(argv);
    if (code !== null) deliverDeepLink(code);
    else showWindow();
  });

  const createWindow = (): void => {
    const win = new BrowserWindow(
      createMainWindowOptions({ preloadPath: join(__dirname, '../preload/index.cjs') }),
    );
    mainWindow = win;
    win.once('ready-to-show', () => {
      win.show();
    });
    win.webContents.on('did-finish-load', () => {
      for (const w of loaded.warnings) send('settings:warning', { message: w.message });
      flushDeepLink();
    });
    // A reload or crash forgets the call: menus, tray and power-save go back to idle.
    win.webContents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) model.reset();
    });
    win.webContents.on('render-process-gone', () => {
      model.reset();
      picker.cancelAll();
    });
    win.on('closed', () => {
      mainWindow = null;
      model.reset();
      picker.cancelAll();
    });
    void win.loadURL(devUrl ?? APP_ENTRY_URL);
  };
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  void hosting.apply(settings.get()).then(() => {
    hosting.startBrowsing();
  });

  // Clean shutdown: every service closed before the process exits.
  const shutdown = new ShutdownSequence(logger, [
    [
      'screen picker',
      () => {
        picker.cancelAll();
      },
    ],
    [
      'shortcuts',
      () => {
        shortcut.dispose();
      },
    ],
    [
      'power save',
      () => {
        powerSave.dispose();
      },
    ],
    [
      'menus',
      () => {
        menus.dispose();
      },
    ],
    [
      'ipc',
      () => {
        ipc.dispose();
      },
    ],
    ['hosting', () => hosting.close()],
    ['mdns', () => hostingDeps.dispose()],
    ['settings', () => settings.flush()],
  ]);
  app.on('before-quit', (event) => {
    if (shutdown.done) return;
    event.preventDefault();
    void shutdown.run().then(() => {
      app.exit(0);
    });
  });
}
