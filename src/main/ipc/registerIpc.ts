/**
 * Electron glue of the IPC layer: the router on the real ipcMain, the trusted-sender check on real
 * events, every domain's handlers registered, and the typed event sender to our windows.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { AppInfo, ScreenSource, ScreenSourcesQuery } from '../../shared/ipc-contract';
import type { CallStateModel } from '../app/CallStateModel';
import type { Logger } from '../logging';
import type { ScreenSharePicker } from '../media/ScreenSharePicker';
import { createAppHandlers } from './appHandlers';
import { createCallHandlers, type Notifier } from './callHandlers';
import { createDevicesHandlers } from './devicesHandlers';
import { IpcEventSender } from './IpcEventSender';
import { IpcRouter } from './IpcRouter';
import { createScreenHandlers } from './screenHandlers';
import { createServerHandlers, type ServerInfoSource } from './serverHandlers';
import { createSettingsHandlers, type SettingsAccess } from './settingsHandlers';
import { isTrustedSender, type SenderInfo } from './trustedSender';

export interface IpcServices {
  settings: SettingsAccess;
  model: CallStateModel;
  notifier: Notifier;
  server: ServerInfoSource;
  picker: ScreenSharePicker;
  listSources: (query: ScreenSourcesQuery) => Promise<readonly ScreenSource[]>;
  openExternal: (url: string) => Promise<void>;
  info: AppInfo;
  /** Our windows' webContents (the only senders answered, the only event targets). */
  windows: () => readonly WebContents[];
  /** Origins our pages load from (app://parley, and the dev server in development). */
  origins: readonly string[];
  logger: Logger;
}

export interface IpcLayer {
  readonly events: IpcEventSender;
  dispose(): void;
}

function senderOf(event: unknown): SenderInfo {
  const e = event as IpcMainInvokeEvent;
  return { webContentsId: e.sender.id, frameUrl: e.senderFrame?.url ?? null };
}

export function registerIpc(services: IpcServices): IpcLayer {
  const router = new IpcRouter({
    ipcMain,
    senderOf,
    isTrusted: (sender) =>
      isTrustedSender(sender, {
        webContentsIds: new Set(services.windows().map((w) => w.id)),
        origins: services.origins,
      }),
    logger: services.logger.child({ service: 'ipc' }),
  });
  router.register(createSettingsHandlers(services.settings));
  router.register(createDevicesHandlers(services.settings, services.model));
  router.register(createCallHandlers(services.model, services.notifier));
  router.register(createServerHandlers(services.server));
  router.register(createScreenHandlers(services.listSources, services.picker));
  router.register(createAppHandlers(services.openExternal, services.info));
  return {
    events: new IpcEventSender(services.windows),
    dispose: () => {
      router.dispose();
    },
  };
}
