/**
 * One data connection as the benchmark sees it, whatever implements it, and the two roles a
 * page plays on it: the driver (measures) and the responder (echoes, counts bulk bytes).
 *
 * Control messages are strings starting with CONTROL_MARK, so they pass every serialization.
 */
import { bytesOf, CHECKSUM_SEED, checksumBytes } from './checksum';

export const CONTROL_MARK = '\u0001bench:';

/** Receiver → driver and driver → receiver control messages. */
export type Control =
  | { readonly kind: 'expect'; readonly bytes: number }
  | { readonly kind: 'ready' }
  | { readonly kind: 'done'; readonly bytes: number; readonly checksum: number };

/** A data connection of any implementation. */
export interface Channel {
  /** Sends one message (no backpressure: for small messages). */
  send(data: unknown): void;
  /**
   * Sends binary messages in order with the implementation's own flow control (how an
   * application is meant to send a lot of data with it); resolves once all are handed over.
   */
  sendAll(messages: readonly ArrayBuffer[]): Promise<void>;
  /** Set by the role that uses the channel. */
  onMessage: (data: unknown) => void;
  close(): void;
}

export function encodeControl(control: Control): string {
  return CONTROL_MARK + JSON.stringify(control);
}

export function decodeControl(data: unknown): Control | undefined {
  if (typeof data !== 'string' || !data.startsWith(CONTROL_MARK)) return undefined;
  return JSON.parse(data.slice(CONTROL_MARK.length)) as Control;
}

/**
 * The receiving side: echoes every non-binary, non-control message; counts and checksums binary
 * messages and acknowledges once the announced byte count has arrived.
 */
export function respond(channel: Channel): void {
  let expected: number | undefined;
  let received = 0;
  let checksum = CHECKSUM_SEED;
  channel.onMessage = (data) => {
    const bytes = bytesOf(data);
    if (bytes !== undefined) {
      received += bytes.byteLength;
      checksum = checksumBytes(checksum, bytes);
      if (expected !== undefined && received >= expected) {
        expected = undefined;
        channel.send(encodeControl({ kind: 'done', bytes: received, checksum }));
      }
      return;
    }
    const control = decodeControl(data);
    if (control?.kind === 'expect') {
      expected = control.bytes;
      received = 0;
      checksum = CHECKSUM_SEED;
      channel.send(encodeControl({ kind: 'ready' }));
      return;
    }
    if (control === undefined) channel.send(data);
  };
}

/** The measuring side: awaits echoes and control replies in arrival order. */
export class Driver {
  readonly #channel: Channel;
  #echoWaiter: ((data: unknown) => void) | undefined;
  #controlWaiter: ((control: Control) => void) | undefined;

  constructor(channel: Channel) {
    this.#channel = channel;
    channel.onMessage = (data) => {
      const control = decodeControl(data);
      if (control === undefined) {
        const waiter = this.#echoWaiter;
        this.#echoWaiter = undefined;
        waiter?.(data);
      } else {
        const waiter = this.#controlWaiter;
        this.#controlWaiter = undefined;
        waiter?.(control);
      }
    };
  }

  get channel(): Channel {
    return this.#channel;
  }

  /** Sends `message` and resolves with the echo. */
  echo(message: unknown): Promise<unknown> {
    return new Promise((resolve) => {
      this.#echoWaiter = resolve;
      this.#channel.send(message);
    });
  }

  /** Sends a control message and resolves with the next control reply. */
  control(message: Control | undefined): Promise<Control> {
    return new Promise((resolve) => {
      this.#controlWaiter = resolve;
      if (message !== undefined) this.#channel.send(encodeControl(message));
    });
  }
}
