import { frameBytes } from './serialization/outgoing';
import type { Frame, OutgoingMessage } from './serialization/types';

export { frameBytes };

interface Entry {
  readonly message: OutgoingMessage;
  /** Bytes of the message not handed to the channel yet. */
  left: number;
  readonly done: () => void;
}

export interface SendQueueOptions {
  /** Frames are handed to the channel while its bufferedAmount is below this (bytes). */
  highWaterMark: number;
  /** The channel's bufferedAmountLowThreshold: sending resumes below it (bytes). */
  lowWaterMark: number;
}

/** The part of RTCDataChannel a SendQueue uses (a real channel in the app, a fake in tests). */
export type SendChannel = Pick<
  RTCDataChannel,
  | 'readyState'
  | 'bufferedAmount'
  | 'bufferedAmountLowThreshold'
  | 'send'
  | 'addEventListener'
  | 'removeEventListener'
>;

/**
 * Byte-based backpressure for one RTCDataChannel: frames go to the channel while its
 * bufferedAmount is under the high-water mark, and resume on `bufferedamountlow` — no polling.
 *
 * Messages are framed lazily: each frame is built (into the serializer's scratch buffer) only
 * when the channel takes it. A message the channel takes at once costs no copy at all; one that
 * has to wait is detached (its unsent payload copied) so that the caller may reuse its buffers
 * and the serializer may encode the next message. With `await send()` in a loop at most one
 * message waits here, so memory stays at the channel's buffer plus one message.
 */
export class SendQueue {
  readonly #channel: SendChannel;
  readonly #options: SendQueueOptions;
  readonly #onError: (error: unknown) => void;
  readonly #onIdle: () => void;
  #entries: (Entry | undefined)[] = [];
  #head = 0;
  #queuedBytes = 0;
  #stopped = false;

  constructor(
    channel: SendChannel,
    options: SendQueueOptions,
    onError: (error: unknown) => void,
    onIdle: () => void,
  ) {
    this.#channel = channel;
    this.#options = options;
    this.#onError = onError;
    this.#onIdle = onIdle;
    channel.bufferedAmountLowThreshold = options.lowWaterMark;
    channel.addEventListener('bufferedamountlow', this.#pump);
  }

  /** Bytes waiting here, not yet handed to the channel. */
  get queuedBytes(): number {
    return this.#queuedBytes;
  }

  /** True when nothing waits here. */
  get idle(): boolean {
    return this.#head >= this.#entries.length;
  }

  /**
   * Queues one message and hands the channel what it takes now; resolves once all of the
   * message's frames are handed to the channel. A message that has to wait is detached before
   * this returns.
   */
  push(message: OutgoingMessage): Promise<void> {
    return new Promise<void>((resolve) => {
      if (this.#stopped) {
        resolve();
        return;
      }
      const entry: Entry = { message, left: message.byteLength, done: resolve };
      this.#entries.push(entry);
      this.#queuedBytes += entry.left;
      this.#pump();
      // (The pump may have failed and stopped the queue: then the message is dropped anyway.)
      if (!message.finished && !this.#isStopped()) message.detach();
    });
  }

  /** A method, so a check after #pump() is not narrowed away by the one before it. */
  #isStopped(): boolean {
    return this.#stopped;
  }

  /** Sends what the channel takes now; called on push and on `bufferedamountlow`. */
  readonly #pump = (): void => {
    const channel = this.#channel;
    const hadWork = this.#head < this.#entries.length;
    while (!this.#stopped && channel.readyState === 'open' && this.#head < this.#entries.length) {
      if (channel.bufferedAmount >= this.#options.highWaterMark) return;
      const entry = this.#entries[this.#head];
      if (!entry) break;
      let frame: Frame | undefined;
      try {
        frame = entry.message.nextFrame();
        if (frame !== undefined) sendFrame(channel, frame);
      } catch (error) {
        this.#onError(error);
        return;
      }
      if (frame !== undefined) {
        const size = Math.min(frameBytes(frame), entry.left);
        entry.left -= size;
        this.#queuedBytes -= size;
      }
      if (frame === undefined || entry.message.finished) this.#settle(entry);
    }
    if (this.#head >= this.#entries.length) {
      this.#entries = [];
      this.#head = 0;
      if (hadWork) this.#onIdle();
    } else if (this.#head > 1024) {
      this.#entries = this.#entries.slice(this.#head);
      this.#head = 0;
    }
  };

  /** Every frame of the head entry is out: resolve it (and settle any rounding of its bytes). */
  #settle(entry: Entry): void {
    this.#queuedBytes -= entry.left;
    entry.left = 0;
    this.#entries[this.#head] = undefined;
    this.#head += 1;
    entry.done();
  }

  /** Drops everything queued (their promises resolve) and detaches from the channel. */
  stop(): void {
    this.#stopped = true;
    this.#channel.removeEventListener('bufferedamountlow', this.#pump);
    const pending = this.#entries.slice(this.#head);
    this.#entries = [];
    this.#head = 0;
    this.#queuedBytes = 0;
    for (const entry of pending) entry?.done();
  }
}

function sendFrame(channel: SendChannel, frame: Frame): void {
  if (typeof frame === 'string') channel.send(frame);
  else if (frame instanceof Blob) channel.send(frame);
  else if (frame instanceof ArrayBuffer) channel.send(frame);
  else channel.send(frame);
}
