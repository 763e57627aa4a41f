/**
 * What main knows about the call and the devices, as reported by the renderer: the single source
 * the application menu, the tray, the power-save blocker and the notifications follow.
 */
import { EventEmitter } from 'node:events';
import { IDLE_CALL_STATE, type CallState, type MediaDeviceEntry } from '../../shared/ipc-contract';

export interface CallStateModelEvents {
  /** The renderer reported a different call state. */
  'call-state': [state: CallState, previous: CallState];
  /** The renderer reported a different device list. */
  devices: [devices: readonly MediaDeviceEntry[]];
}

export class CallStateModel extends EventEmitter<CallStateModelEvents> {
  #state: CallState = IDLE_CALL_STATE;
  #devices: readonly MediaDeviceEntry[] = [];

  get state(): CallState {
    return this.#state;
  }

  get devices(): readonly MediaDeviceEntry[] {
    return this.#devices;
  }

  setState(next: CallState): void {
    const previous = this.#state;
    if (JSON.stringify(previous) === JSON.stringify(next)) return;
    this.#state = { ...next };
    this.emit('call-state', this.#state, previous);
  }

  setDevices(devices: readonly MediaDeviceEntry[]): void {
    if (JSON.stringify(devices) === JSON.stringify(this.#devices)) return;
    this.#devices = devices.map((d) => ({ ...d }));
    this.emit('devices', this.#devices);
  }

  /** The renderer went away (reload, crash): nothing is known about the call any more. */
  reset(): void {
    this.setState(IDLE_CALL_STATE);
  }
}
