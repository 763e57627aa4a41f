/** Typed one-way events main → renderer (the `on` side of the contract), sent to our windows only. */
import type { IpcEventChannel, IpcEvents } from '../../shared/ipc-contract';

/** The part of a webContents the sender needs. */
export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

export class IpcEventSender {
  readonly #targets: () => Iterable<EventTarget>;

  /** `targets` lists our windows' webContents at the time of each send. */
  constructor(targets: () => Iterable<EventTarget>) {
    this.#targets = targets;
  }

  /** Sends to every live window; returns how many received it. */
  send<C extends IpcEventChannel>(channel: C, payload: IpcEvents[C]): number {
    let count = 0;
    for (const target of this.#targets()) {
      if (target.isDestroyed()) continue;
      target.send(channel, payload);
      count += 1;
    }
    return count;
  }
}
