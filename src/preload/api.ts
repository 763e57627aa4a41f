/**
 * The API the preload exposes as `window.parley`: named methods, each bound to one channel of the
 * contract, `on*` returning an unsubscribe function. No generic send/on. No Electron import here
 * (the ipcRenderer is injected) so it is tested in Node.
 */
import type {
  CallNotification,
  CallState,
  DeviceSelection,
  IpcArgs,
  IpcEventChannel,
  IpcEvents,
  IpcRequestChannel,
  IpcResult,
  IpcResultOf,
  MediaDeviceEntry,
  ScreenChoice,
  ScreenSourcesQuery,
} from '../shared/ipc-contract';
import type { SettingsPatch } from '../shared/settings';

/** The part of Electron's ipcRenderer used (the real one in the preload). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createParleyApi(ipc: IpcRendererLike, platform: string) {
  function invoke<C extends IpcRequestChannel>(channel: C, ...args: [] | [IpcArgs<C>]) {
    return ipc.invoke(channel, ...args) as Promise<IpcResult<IpcResultOf<C>>>;
  }
  function subscribe<C extends IpcEventChannel>(
    channel: C,
    callback: (payload: IpcEvents[C]) => void,
  ): () => void {
    // The Electron event is not passed on: it would expose `sender` to the page.
    const listener = (_event: unknown, payload: unknown): void => {
      callback(payload as IpcEvents[C]);
    };
    ipc.on(channel, listener);
    return () => {
      ipc.removeListener(channel, listener);
    };
  }

  return {
    /** Which OS the app runs on ('darwin', 'win32', 'linux'). */
    platform,
    settings: {
      get: () => invoke('settings:get'),
      patch: (patch: SettingsPatch) => invoke('settings:patch', patch),
      onChanged: (cb: (s: IpcEvents['settings:changed']) => void) =>
        subscribe('settings:changed', cb),
      onWarning: (cb: (w: IpcEvents['settings:warning']) => void) =>
        subscribe('settings:warning', cb),
    },
    devices: {
      report: (devices: readonly MediaDeviceEntry[]) => invoke('devices:report', [...devices]),
      select: (selection: DeviceSelection) => invoke('devices:select', selection),
    },
    call: {
      reportState: (state: CallState) => invoke('call:report-state', state),
      notify: (notification: CallNotification) => invoke('call:notify', notification),
      onCommand: (cb: (c: IpcEvents['call:command']) => void) => subscribe('call:command', cb),
    },
    server: {
      getStatus: () => invoke('server:get-status'),
      onStatus: (cb: (s: IpcEvents['server:status']) => void) => subscribe('server:status', cb),
    },
    discovery: {
      list: () => invoke('discovery:list'),
      onMeetings: (cb: (m: IpcEvents['discovery:meetings']) => void) =>
        subscribe('discovery:meetings', cb),
    },
    screen: {
      listSources: (query: ScreenSourcesQuery) => invoke('screen:list-sources', query),
      choose: (choice: ScreenChoice) => invoke('screen:choose', choice),
      onPickRequest: (cb: (r: IpcEvents['screen:pick-request']) => void) =>
        subscribe('screen:pick-request', cb),
      onPickCancelled: (cb: (r: IpcEvents['screen:pick-cancelled']) => void) =>
        subscribe('screen:pick-cancelled', cb),
    },
    app: {
      openExternal: (url: string) => invoke('app:open-external', { url }),
      getInfo: () => invoke('app:get-info'),
      onDeepLink: (cb: (l: IpcEvents['app:deep-link']) => void) => subscribe('app:deep-link', cb),
    },
  } as const;
}

/** The type of `window.parley` (the same as `typeof api` in index.ts). */
export type ParleyApi = ReturnType<typeof createParleyApi>;
