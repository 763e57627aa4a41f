/** HostBridge over the preload API (`window.parley`): unwraps IPC envelopes into values or HostErrors. */
import type { IpcResult } from '../../../shared/ipc-contract';
import type { ParleyApi } from '../../../preload/api';
import { HostError, type HostBridge, type HostCapabilities } from './HostBridge';

/** The preload API when running in Parley's Electron window, else null. */
export function electronApi(scope: object = globalThis): ParleyApi | null {
  const api = (scope as { parley?: ParleyApi }).parley;
  return api !== undefined && typeof api.settings.get === 'function' ? api : null;
}

async function unwrap<T>(reply: Promise<IpcResult<T>>): Promise<T> {
  const result = await reply;
  if (result.ok) return result.value;
  throw new HostError(result.error.type, result.error.message, result.error.issues);
}

export class ElectronHostBridge implements HostBridge {
  readonly kind = 'electron';
  readonly capabilities: HostCapabilities = {
    hosting: true,
    lanDiscovery: true,
    screenPicker: true,
    callCommands: true,
    notifications: true,
  };
  readonly #api: ParleyApi;

  constructor(api: ParleyApi) {
    this.#api = api;
  }

  get platform(): string {
    return this.#api.platform;
  }

  getAppInfo: HostBridge['getAppInfo'] = () => unwrap(this.#api.app.getInfo());
  getSettings: HostBridge['getSettings'] = () => unwrap(this.#api.settings.get());
  patchSettings: HostBridge['patchSettings'] = (patch) => unwrap(this.#api.settings.patch(patch));
  onSettingsChanged: HostBridge['onSettingsChanged'] = (l) => this.#api.settings.onChanged(l);
  onSettingsWarning: HostBridge['onSettingsWarning'] = (l) =>
    this.#api.settings.onWarning((w) => {
      l(w.message);
    });

  getServerStatus: HostBridge['getServerStatus'] = () => unwrap(this.#api.server.getStatus());
  onServerStatus: HostBridge['onServerStatus'] = (l) => this.#api.server.onStatus(l);
  listLanMeetings: HostBridge['listLanMeetings'] = () => unwrap(this.#api.discovery.list());
  onLanMeetings: HostBridge['onLanMeetings'] = (l) => this.#api.discovery.onMeetings(l);

  reportDevices: HostBridge['reportDevices'] = (devices) =>
    unwrap(this.#api.devices.report(devices));
  selectDevice: HostBridge['selectDevice'] = (selection) =>
    unwrap(this.#api.devices.select(selection));

  reportCallState: HostBridge['reportCallState'] = (state) => {
    unwrap(this.#api.call.reportState(state)).catch((error: unknown) => {
      console.warn('Parley: the call state could not be reported to the app', error);
    });
  };
  onCallCommand: HostBridge['onCallCommand'] = (l) => this.#api.call.onCommand(l);
  notify: HostBridge['notify'] = (n) => unwrap(this.#api.call.notify(n));
  onJoinLink: HostBridge['onJoinLink'] = (l) =>
    this.#api.app.onDeepLink((link) => {
      l(link.code);
    });

  listScreenSources: HostBridge['listScreenSources'] = (q) =>
    unwrap(this.#api.screen.listSources(q));
  onScreenPickRequest: HostBridge['onScreenPickRequest'] = (l) => this.#api.screen.onPickRequest(l);
  onScreenPickCancelled: HostBridge['onScreenPickCancelled'] = (l) =>
    this.#api.screen.onPickCancelled((r) => {
      l(r.requestId);
    });
  chooseScreenSource: HostBridge['chooseScreenSource'] = (choice) =>
    unwrap(this.#api.screen.choose(choice));

  openExternal: HostBridge['openExternal'] = (url) => unwrap(this.#api.app.openExternal(url));
}
