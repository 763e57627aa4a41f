import type { RawData, WebSocket } from 'ws';
import { offerFrame, type OfferFrame } from './frames';
import type { PoolClient } from './ClientPool';

/**
 * Relayed OFFER frames are > 1 KB; anything shorter a receiver gets (e.g. a server's answer to a
 * HEARTBEAT) is not part of the load and is not counted.
 */
export const MIN_RELAYED_FRAME_BYTES = 512;

/** A sender → receiver pair of registered clients, with its counters for the current run. */
export class Pair {
  readonly frame: OfferFrame;
  sent = 0;
  received = 0;

  constructor(
    readonly sender: PoolClient,
    readonly receiver: PoolClient,
  ) {
    this.frame = offerFrame(receiver.id, `dc_${sender.id}`);
  }

  get senderSocket(): WebSocket {
    return this.sender.ws;
  }

  get receiverSocket(): WebSocket {
    return this.receiver.ws;
  }

  /** Resets the counters before a run. */
  reset(): void {
    this.sent = 0;
    this.received = 0;
  }
}

/** Resolves once `done()` is true (checked every 5 ms), or false after `timeoutMs`. */
export function waitUntil(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  return new Promise((resolve) => {
    const check = (): void => {
      if (done()) resolve(true);
      else if (performance.now() > deadline) resolve(false);
      else setTimeout(check, 5);
    };
    check();
  });
}

/** Byte length of a received frame. */
export function frameBytes(data: RawData): number {
  return Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength;
}

/** Text of a received frame. */
export function frameText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString();
  return Buffer.isBuffer(data) ? data.toString() : Buffer.from(data).toString();
}
