/**
 * HostBridge over the preload API (`window.parley`): unwraps IPC envelopes into values or
 * HostErrors. It also keeps main's list of media devices current (the Call menu and the tray list
 * them): at start, on every 'devicechange', and with each call-state report (labels appear once
 * the camera/microphone permission is granted).
 */
import type { IpcResult, MediaDeviceEntry } from '../../../shared/ipc-contract';
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

/** The part of navigator.mediaDevices the device reporting uses. */
export type DeviceSource = Pick<
  MediaDevices,
  'enumerateDevices' | 'addEventListener' | 'removeEventListener'
>;

const KINDS = new Set<string>(['videoinput', 'audioinput', 'audiooutput']);

/** enumerateDevices() output as the contract takes it: devices without an id (no permission yet) left out. */
export function toDeviceEntries(devices: readonly MediaDeviceInfo[]): MediaDeviceEntry[] {
  return devices
    .filter((d) => KINDS.has(d.kind) && d.deviceId !== '' && d.deviceId.length <= 512)
    .slice(0, 128)
    .map((d) => ({
      deviceId: d.deviceId,
      kind: d.kind,
      label: d.label.slice(0, 256),
    }));
}

function defaultDeviceSource(): DeviceSource | null {
  const media = (globalThis.navigator as Navigator | undefined)?.mediaDevices;
  return typeof media?.enumerateDevices === 'function' ? media : null;
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
  readonly #devices: DeviceSource | null;
  #lastDevices = '';

  /** @param devices where media devices are listed; default navigator.mediaDevices (none: no reports) */
  constructor(api: ParleyApi, devices: DeviceSource | null = defaultDeviceSource()) {
    this.#api = api;
    this.#devices = devices;
    devices?.addEventListener('devicechange', this.#refreshDevices);
    this.#refreshDevices();
  }

  /** Stops following device changes. */
  dispose(): void {
    this.#devices?.removeEventListener('devicechange', this.#refreshDevices);
  }

  /** Sends the current device list to main when it changed. Never throws. */
  readonly #refreshDevices = (): void => {
    const source = this.#devices;
    if (!source) return;
    Promise.resolve()
      .then(() => source.enumerateDevices())
      .then(async (list) => {
        const entries = toDeviceEntries(list);
        const key = JSON.stringify(entries);
        if (key === this.#lastDevices) return;
        this.#lastDevices = key;
        await this.reportDevices(entries);
      })
      .catch((error: unknown) => {
        this.#lastDevices = '';
        console.warn('Parley: the device list could not be reported to the app', error);
      });
  };

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
    this.#refreshDevices();
  };
  onCallCommand: HostBridge['onCallCommand'] = (l) => this.#api.call.onCommand(l);
  notify: HostBridge['notify'] = (n) => unwrap(this.#api.call.notify(n));
  onJoinLink: HostBridge['onJoinLink'] = (l) =>
    this.#api.app.onDeepLink((link) => {
      if (link.server) l(link.code, link.server);
      else l(link.code);
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
