import type { Frame } from './types';

interface Entry {
  frames: Frame[];
  next: number;
  bytes: number;
  done: () => void;
}

export interface SendQueueOptions {
  /** Frames are handed to the channel while its bufferedAmount is below this (bytes). */
  highWaterMark: number;
  /** The channel's bufferedAmountLowThreshold: sending resumes below it (bytes). */
  lowWaterMark: number;
}

/** Size of a frame in bytes (strings counted as UTF-16 code units: close enough for pacing). */
export function frameBytes(frame: Frame): number {
  if (typeof frame === 'string') return frame.length;
  if (frame instanceof Blob) return frame.size;
  return frame.byteLength;
}

/**
 * Byte-based backpressure for one RTCDataChannel: frames go to the channel while its
 * bufferedAmount is under the high-water mark, and resume on `bufferedamountlow` — no polling.
 * Messages wait here as their encoded frames (views, not copies).
 */
export class SendQueue {
  readonly #channel: RTCDataChannel;
  readonly #options: SendQueueOptions;
  readonly #onError: (error: unknown) => void;
  readonly #onIdle: () => void;
  #entries: (Entry | undefined)[] = [];
  #head = 0;
  #queuedBytes = 0;
  #stopped = false;

  constructor(
    channel: RTCDataChannel,
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

  /** Queues one message's frames; resolves once all of them are handed to the channel. */
  push(frames: Frame[]): Promise<void> {
    let bytes = 0;
    for (const frame of frames) bytes += frameBytes(frame);
    return new Promise<void>((resolve) => {
      this.#entries.push({ frames, next: 0, bytes, done: resolve });
      this.#queuedBytes += bytes;
      this.#pump();
    });
  }

  /** Sends what the channel takes now; called on push and on `bufferedamountlow`. */
  readonly #pump = (): void => {
    const channel = this.#channel;
    const hadWork = this.#head < this.#entries.length;
    while (!this.#stopped && channel.readyState === 'open' && this.#head < this.#entries.length) {
      if (channel.bufferedAmount >= this.#options.highWaterMark) return;
      const entry = this.#entries[this.#head];
      if (!entry) break;
      const frame = entry.frames[entry.next];
      if (frame !== undefined) {
        const size = frameBytes(frame);
        try {
          sendFrame(channel, frame);
        } catch (error) {
          this.#onError(error);
          return;
        }
        entry.frames[entry.next] = '';
        entry.next += 1;
        this.#queuedBytes -= size;
      }
      if (entry.next >= entry.frames.length) {
        this.#entries[this.#head] = undefined;
        this.#head += 1;
        entry.done();
      }
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

  /** True when nothing waits here. */
  get idle(): boolean {
    return this.#head >= this.#entries.length;
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

function sendFrame(channel: RTCDataChannel, frame: Frame): void {
  if (typeof frame === 'string') channel.send(frame);
  else if (frame instanceof Blob) channel.send(frame);
  else if (frame instanceof ArrayBuffer) channel.send(frame);
  else channel.send(frame);
}
