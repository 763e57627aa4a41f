/**
 * Test fixtures reproducing PeerJS 1.5.5 receive logic that the package does not export.
 * `reassemble` is BinaryPack DataConnection's `_handleDataMessage` + `_handleChunk` +
 * `concatArrayBuffers` from node_modules/peerjs/dist/bundler.mjs, line for line apart from
 * types; chunking itself is PeerJS's real exported `util.chunk`.
 */
import { unpack } from 'peerjs-js-binarypack';
import type { SerializationError } from '../errors';
import type { DecoderSink, Frame, FrameDecoder } from '../types';

interface ChunkInfo {
  data: Uint8Array[];
  count: number;
  total: number;
}

/** PeerJS's BinaryPack receiver: feed frames, collect emitted data (and close requests). */
export class PeerJsBinaryReceiver {
  readonly received: unknown[] = [];
  closed = false;
  private readonly chunkedData: Record<string, ChunkInfo | undefined> = {};

  handleDataMessage(data: ArrayBuffer): void {
    const deserializedData = unpack(data) as Record<string, unknown>;
    const peerData = deserializedData.__peerData as { type?: string } | undefined;
    if (peerData) {
      if (peerData.type === 'close') {
        this.closed = true;
        return;
      }
      this.handleChunk(
        deserializedData as { __peerData: number; n: number; total: number; data: ArrayBuffer },
      );
      return;
    }
    this.received.push(deserializedData);
  }

  private handleChunk(data: {
    __peerData: number;
    n: number;
    total: number;
    data: ArrayBuffer;
  }): void {
    const id = data.__peerData;
    const chunkInfo = this.chunkedData[id] ?? { data: [], count: 0, total: data.total };
    chunkInfo.data[data.n] = new Uint8Array(data.data);
    chunkInfo.count++;
    this.chunkedData[id] = chunkInfo;
    if (chunkInfo.total === chunkInfo.count) {
      this.chunkedData[id] = undefined;
      this.handleDataMessage(concatArrayBuffers(chunkInfo.data).buffer);
    }
  }
}

function concatArrayBuffers(bufs: Uint8Array[]): Uint8Array<ArrayBuffer> {
  let size = 0;
  for (const buf of bufs) size += buf.byteLength;
  const result = new Uint8Array(size);
  let offset = 0;
  for (const buf of bufs) {
    result.set(buf, offset);
    offset += buf.byteLength;
  }
  return result;
}

/** A frame as the receiving RTCDataChannel (binaryType "arraybuffer") delivers it. */
export function asReceived(frame: Frame): ArrayBuffer | string {
  if (typeof frame === 'string') return frame;
  if (frame instanceof ArrayBuffer) return frame.slice(0);
  if (ArrayBuffer.isView(frame)) {
    return frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.byteLength);
  }
  throw new Error('asReceived: Blob frames need an async read');
}

/** A decoder sink that records everything. */
export function recordingSink(): DecoderSink & {
  messages: unknown[];
  errors: SerializationError[];
} {
  const messages: unknown[] = [];
  const errors: SerializationError[] = [];
  return {
    messages,
    errors,
    onMessage: (value) => messages.push(value),
    onError: (error) => errors.push(error),
  };
}

/** Feeds frames to a decoder as a channel would deliver them. */
export function feed(decoder: FrameDecoder, frames: readonly Frame[]): void {
  for (const frame of frames) decoder.push(asReceived(frame));
}

/** Deterministic pseudo-random bytes (xorshift), fast for large sizes. */
export function pseudoRandomBytes(length: number, seed = 1): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  const words = new Uint32Array(out.buffer, 0, length >>> 2);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x >>> 0;
  }
  for (let i = words.length * 4; i < length; i++) out[i] = i & 0xff;
  return out;
}

/** A manual clock for chunk timeouts. */
export class ManualTimers {
  private time = 0;
  private nextHandle = 1;
  private readonly tasks = new Map<number, { at: number; callback: () => void }>();

  readonly timers = {
    setTimeout: (callback: () => void, ms: number): unknown => {
      const handle = this.nextHandle++;
      this.tasks.set(handle, { at: this.time + ms, callback });
      return handle;
    },
    clearTimeout: (handle: unknown): void => {
      this.tasks.delete(handle as number);
    },
    now: (): number => this.time,
  };

  get pending(): number {
    return this.tasks.size;
  }

  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = [...this.tasks.entries()]
        .filter(([, t]) => t.at <= until)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (due === undefined) break;
      this.tasks.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = until;
  }
}

/** Byte equality without the cost of a deep-equality diff on megabytes. */
export function sameBytes(
  a: ArrayBuffer | ArrayBufferView,
  b: ArrayBuffer | ArrayBufferView,
): boolean {
  const x =
    a instanceof ArrayBuffer
      ? new Uint8Array(a)
      : new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y =
    b instanceof ArrayBuffer
      ? new Uint8Array(b)
      : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  if (x.byteLength !== y.byteLength) return false;
  let i = 0;
  if (x.byteOffset % 4 === 0 && y.byteOffset % 4 === 0) {
    const words = x.byteLength >>> 2;
    const xw = new Uint32Array(x.buffer, x.byteOffset, words);
    const yw = new Uint32Array(y.buffer, y.byteOffset, words);
    for (; i < words; i++) if (xw[i] !== yw[i]) return false;
    i = words * 4;
  }
  for (; i < x.byteLength; i++) if (x[i] !== y[i]) return false;
  return true;
}
