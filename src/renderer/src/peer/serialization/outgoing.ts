/**
 * Lazily framed outgoing messages (see OutgoingMessage): frames are built when the channel
 * takes them, into a scratch buffer the serializer reuses, so sending costs no allocation per
 * frame and a queued message holds no copy of its payload until it has to wait.
 *
 * Reusing the scratch buffer is safe because `RTCDataChannel.send` copies the bytes of an
 * ArrayBuffer view synchronously (Chromium, Firefox and WebKit all do), and a frame is handed
 * to the channel before the next one is built.
 */
import { PartCursor, type ResolvedParts } from './frames';
import type { Frame, OutgoingMessage } from './types';

/** A growable buffer reused for every frame of one serializer (or fresh buffers: `reuse` false). */
export class Scratch {
  #buffer: Uint8Array<ArrayBuffer> | undefined;

  constructor(readonly reuse = true) {}

  /** `size` bytes to write one frame into, valid until the next call. */
  take(size: number): Uint8Array<ArrayBuffer> {
    if (!this.reuse) return new Uint8Array(size);
    const current = this.#buffer?.byteLength ?? 0;
    if (this.#buffer === undefined || current < size) {
      this.#buffer = new Uint8Array(Math.max(size, 2 * current, 4096));
    }
    return this.#buffer.subarray(0, size);
  }
}

/** Size of a frame in bytes (strings counted as UTF-16 code units: close enough for pacing). */
export function frameBytes(frame: Frame): number {
  if (typeof frame === 'string') return frame.length;
  if (frame instanceof Blob) return frame.size;
  return frame.byteLength;
}

/** A message that is one ready frame (raw, json, or already-encoded bytes). */
export function singleFrame(frame: Frame): OutgoingMessage {
  const size = frameBytes(frame);
  let sent = false;
  return {
    byteLength: size,
    maxFrameBytes: size,
    get finished(): boolean {
      return sent;
    },
    nextFrame(): Frame | undefined {
      if (sent) return undefined;
      sent = true;
      return frame;
    },
    detach(): void {
      // The frame is the caller's own object (raw) or a fresh buffer (json): nothing to copy.
    },
  };
}

/**
 * The payload bytes of a message, read front to back out of its parts (views of the caller's
 * buffers and of the ByteWriter's scratch) until `detach()` copies what is left into one buffer.
 */
export class PayloadReader {
  #cursor: PartCursor;
  #left: number;
  #detached = false;

  constructor(message: ResolvedParts, detached = false) {
    this.#cursor = new PartCursor(message.parts);
    this.#left = message.byteLength;
    this.#detached = detached;
  }

  /** Bytes not read yet. */
  get left(): number {
    return this.#left;
  }

  /** Copies the next `length` bytes into `target` at `at`. */
  read(target: Uint8Array, at: number, length: number): void {
    this.#cursor.copyTo(target, at, length);
    this.#left -= length;
  }

  /** Copies the unread bytes into a buffer of their own and reads from it from now on. */
  detach(): void {
    if (this.#detached) return;
    this.#detached = true;
    const rest = new Uint8Array(this.#left);
    this.#cursor.copyTo(rest, 0, this.#left);
    this.#cursor = new PartCursor([rest]);
  }
}

/** A byte stream cut into frames of at most `frameSize` bytes (MsgPack, unchunked binary). */
export class StreamMessage implements OutgoingMessage {
  readonly byteLength: number;
  readonly maxFrameBytes: number;
  readonly #payload: PayloadReader;
  readonly #frameSize: number;
  readonly #scratch: Scratch;

  constructor(message: ResolvedParts, frameSize: number, scratch: Scratch, detached = false) {
    this.byteLength = message.byteLength;
    this.maxFrameBytes = Math.min(frameSize, message.byteLength);
    this.#payload = new PayloadReader(message, detached);
    this.#frameSize = frameSize;
    this.#scratch = scratch;
  }

  get finished(): boolean {
    return this.#payload.left === 0;
  }

  nextFrame(): Frame | undefined {
    const left = this.#payload.left;
    if (left === 0) return undefined;
    const size = Math.min(left, this.#frameSize);
    const frame = this.#scratch.take(size);
    this.#payload.read(frame, 0, size);
    return frame;
  }

  detach(): void {
    this.#payload.detach();
  }
}

/** Every frame of a message, each in a buffer of its own (for eager `encode`). */
export function collectFrames(message: OutgoingMessage): Frame[] {
  const frames: Frame[] = [];
  for (let frame = message.nextFrame(); frame !== undefined; frame = message.nextFrame()) {
    frames.push(frame);
  }
  return frames;
}
