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
import type { DeviceKind, JoinLink } from '../shared/ipc-contract';
import { APP_ID, APP_NAME } from './app/appIdentity';
import { CallNotifier } from './app/CallNotifier';
import { CallStateModel } from './app/CallStateModel';
import { createMainWindow } from './app/createMainWindow';
import { DEEP_LINK_SCHEME, deepLinkFromArgv, parseDeepLink } from './app/deepLink';
import { DeepLinkInbox } from './app/DeepLinkInbox';
import { HostingService } from './app/HostingService';
import { createHostingDeps } from './app/hostingDeps';
import { PowerSaveController } from './app/PowerSaveController';
import { ShutdownSequence } from './app/ShutdownSequence';
import { deviceSettingsField } from './ipc/devicesHandlers';
import { registerIpc } from './ipc/registerIpc';
import { originOf } from './ipc/trustedSender';
import { createLogger, logLevelFromEnv } from './logging';
import { installDisplayMedia, listScreenSources } from './media/installDisplayMedia';
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
import { SettingsStore } from './settings/SettingsStore';

// Every renderer sandboxed, whatever a window's options say (defense in depth).
app.enableSandbox();
registerAppScheme();
app.setName(APP_NAME); // also names the userData folder, as in the packaged app
// Windows shows notifications only for an AppUserModelID that matches the installed shortcut.
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

const logLevel = logLevelFromEnv(process.env.PARLEY_LOG_LEVEL);
const logger = createLogger({ level: logLevel.level }).child({ process: 'main' });
if (logLevel.warning) logger.warn(logLevel.warning);
// A separate profile for tests and second copies: PARLEY_USER_DATA=/tmp/profile.
if (process.env.PARLEY_USER_DATA) {
  mkdirSync(process.env.PARLEY_USER_DATA, { recursive: true });
  app.setPath('userData', resolve(process.env.PARLEY_USER_DATA));
}
// electron-vite dev sets ELECTRON_RENDERER_URL; a packaged app never loads anything but app://.
const devUrl = (!app.isPackaged && process.env.ELECTRON_RENDERER_URL) || undefined;
const devOrigin = devUrl === undefined ? null : originOf(devUrl);
const origins = devOrigin === null ? [APP_ORIGIN] : [APP_ORIGIN, devOrigin];

let mainWindow: BrowserWindow | null = null;
/** Set once the app is ready: creates the main window. */
let openWindow: (() => void) | null = null;
const liveWindow = (): BrowserWindow | null =>
  mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;
let deepLinks: DeepLinkInbox | null = null;
let earlyDeepLink = deepLinkFromArgv(process.argv);

function showWindow(): void {
  const win = liveWindow();
  if (!win) {
    // macOS keeps running without a window: a deep link or the tray brings it back (shown when ready).
    openWindow?.();
    return;
  }
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

function receiveDeepLink(link: JoinLink): void {
  if (deepLinks) deepLinks.receive(link);
  else earlyDeepLink = link; // before 'ready' (macOS open-url at launch)
  showWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('open-url', (event, url) => {
    event.preventDefault();
    const link = parseDeepLink(url);
    if (link !== null) receiveDeepLink(link);
  });
  app.on('second-instance', (_event, argv) => {
    const link = deepLinkFromArgv(argv);
    if (link !== null) receiveDeepLink(link);
    else showWindow();
  });
  app.whenReady().then(start, (error: unknown) => {
    logger.error('startup failed', { error });
    app.exit(1);
  });
}

async function start(): Promise<void> {
  if (app.isPackaged) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  const ses = session.defaultSession;
  installAppProtocol(ses, join(__dirname, '../renderer'), logger);
  installSessionPolicies(ses, origins, logger);
  hardenWebContents(logger);

  const userData = app.getPath('userData');
  mkdirSync(userData, { recursive: true });
  const settings = new SettingsStore({ dir: userData });
  const { warnings } = await settings.load();
  for (const w of warnings) logger.warn('settings', { message: w.message });
  nativeTheme.themeSource = settings.get().theme;

  const model = new CallStateModel();
  const picker = new ScreenSharePicker();
  installDisplayMedia(ses, picker, origins, logger);
  const hostingDeps = createHostingDeps({ logger, iceServers: () => settings.get().iceServers });
  const hosting = new HostingService(hostingDeps);
  const powerSave = new PowerSaveController(powerSaveBlocker);
  const notifier = new CallNotifier({
    isFocused: () => BrowserWindow.getFocusedWindow() !== null,
    isSupported: () => Notification.isSupported(),
    show: (title, body) => {
      const n = new Notification({ title, body });
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
    windows: () => {
      const win = liveWindow();
      return win ? [win.webContents] : [];
    },
    origins,
    logger,
  });
  const send = ipc.events.send.bind(ipc.events);
  deepLinks = new DeepLinkInbox((link) => send('app:deep-link', link));
  if (earlyDeepLink !== null) deepLinks.receive(earlyDeepLink);

  // Menu bar, tray and the global mute shortcut follow the call state the page reports.
  const selectDevice = (kind: DeviceKind, deviceId: string | null): void => {
    settings
      .patch({ devices: { [deviceSettingsField(kind)]: deviceId } })
      .catch((error: unknown) => {
        logger.error('device selection failed', { error });
      });
  };
  const current = settings.get();
  const menus = new MenuController(
    {
      call: model.state,
      devices: model.devices,
      selected: current.devices,
      muteShortcut: current.shortcuts.muteGlobal,
      muteShortcutGlobal: false,
      platform: process.platform,
      appName: app.getName(),
      dev: !app.isPackaged,
    },
    {
      command: (c) => send('call:command', c),
      selectDevice,
      showWindow,
      quit: () => {
        app.quit();
      },
    },
    logger,
  );
  const shortcut = new GlobalShortcutController(globalShortcut, () =>
    send('call:command', 'toggle-mute'),
  );
  shortcut.on('change', (active) => {
    menus.update({ muteShortcutGlobal: active !== null });
  });
  shortcut.on('error', (_accelerator, reason) => {
    logger.warn('global mute shortcut not registered', { reason });
    send('settings:warning', { message: `Global mute shortcut: ${reason}` });
  });
  shortcut.apply(current.shortcuts.muteGlobal);
  const trayIcon = app.isPackaged
    ? join(process.resourcesPath, 'icons')
    : join(app.getAppPath(), 'resources', 'icons');
  menus.showTray(join(trayIcon, '32x32.png'));

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

  openWindow = (): void => {
    mainWindow = createMainWindow(
      join(__dirname, '../preload/index.cjs'),
      devUrl ?? APP_ENTRY_URL,
      {
        loaded: () => {
          for (const w of warnings) send('settings:warning', { message: w.message });
          deepLinks?.setReady(true);
        },
        unloaded: () => {
          deepLinks?.setReady(false);
          model.reset();
          picker.cancelAll();
        },
        closed: () => {
          mainWindow = null;
        },
      },
    );
  };
  openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow?.();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  void hosting.apply(current).then(() => {
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
    ['hosting', () => hosting.close()],
    ['mdns', () => hostingDeps.dispose()],
    [
      'ipc',
      () => {
        ipc.dispose();
      },
    ],
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
