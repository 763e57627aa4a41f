import type { ResolvedParts } from '../frames';
import { PayloadReader, type Scratch } from '../outgoing';
import type { Frame, OutgoingMessage } from '../types';

/**
 * PeerJS's chunk frames. A packed message longer than the chunk size (PeerJS: `chunkedMTU` =
 * 16300) is cut into `total` slices, each sent as the BinaryPack map
 * `{ __peerData: id, n: index, data: ArrayBuffer, total }` with the keys in that order; `id`
 * counts chunked messages per connection from 1.
 */

const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));
// 0x84: map of 4; 0xba: string of 10 bytes.
export const CHUNK_PREFIX = Uint8Array.from([0x84, 0xba, ...ascii('__peerData')]);
const KEY_N = Uint8Array.from([0xb1, ...ascii('n')]);
const KEY_DATA = Uint8Array.from([0xb4, ...ascii('data')]);
const KEY_TOTAL = Uint8Array.from([0xb5, ...ascii('total')]);

/** BinaryPack bytes of a non-negative safe integer. */
function uint(n: number): number[] {
  if (n <= 0x7f) return [n];
  if (n <= 0xff) return [0xcc, n];
  if (n <= 0xffff) return [0xcd, n >>> 8, n & 0xff];
  const be32 = (v: number): number[] => [v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
  if (n <= 0xffffffff) return [0xce, ...be32(n)];
  return [0xd3, ...be32(Math.floor(n / 2 ** 32)), ...be32(n % 2 ** 32)];
}

/** BinaryPack header of a raw (binary) item of `length` bytes. */
function rawHeader(length: number): number[] {
  if (length <= 0x0f) return [0xa0 + length];
  if (length <= 0xffff) return [0xda, length >>> 8, length & 0xff];
  return [0xdb, length >>> 24, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff];
}

/**
 * The chunk frames of one message, built one at a time into a scratch buffer as the channel
 * takes them (see OutgoingMessage); byte for byte what PeerJS's chunker sends.
 */
export class ChunkedMessage implements OutgoingMessage {
  readonly byteLength: number;
  readonly maxFrameBytes: number;
  readonly #payload: PayloadReader;
  readonly #scratch: Scratch;
  readonly #chunkSize: number;
  readonly #size: number;
  readonly #total: number;
  readonly #idBytes: number[];
  readonly #totalBytes: number[];
  #next = 0;

  constructor(
    message: ResolvedParts,
    chunkSize: number,
    id: number,
    scratch: Scratch,
    detached = false,
  ) {
    this.#payload = new PayloadReader(message, detached);
    this.#scratch = scratch;
    this.#chunkSize = chunkSize;
    this.#size = message.byteLength;
    this.#total = Math.ceil(this.#size / chunkSize);
    this.#idBytes = uint(id);
    this.#totalBytes = uint(this.#total);
    let length = 0;
    let largest = 0;
    for (let n = 0; n < this.#total; n++) {
      const frame = this.#frameLength(n);
      length += frame;
      largest = Math.max(largest, frame);
    }
    this.byteLength = length;
    this.maxFrameBytes = largest;
  }

  get finished(): boolean {
    return this.#next >= this.#total;
  }

  nextFrame(): Frame | undefined {
    const n = this.#next;
    if (n >= this.#total) return undefined;
    this.#next += 1;
    const out = this.#scratch.take(this.#frameLength(n));
    let at = 0;
    const put = (bytes: ArrayLike<number>): void => {
      out.set(bytes, at);
      at += bytes.length;
    };
    const length = this.#payloadLength(n);
    put(CHUNK_PREFIX);
    put(this.#idBytes);
    put(KEY_N);
    put(uint(n));
    put(KEY_DATA);
    put(rawHeader(length));
    this.#payload.read(out, at, length);
    at += length;
    put(KEY_TOTAL);
    put(this.#totalBytes);
    return out;
  }

  detach(): void {
    this.#payload.detach();
  }

  #payloadLength(n: number): number {
    return Math.min(this.#chunkSize, this.#size - n * this.#chunkSize);
  }

  #frameLength(n: number): number {
    const length = this.#payloadLength(n);
    return (
      CHUNK_PREFIX.length +
      this.#idBytes.length +
      KEY_N.length +
      uint(n).length +
      KEY_DATA.length +
      rawHeader(length).length +
      length +
      KEY_TOTAL.length +
      this.#totalBytes.length
    );
  }
}

/** True when a frame starts like a PeerJS chunk (a 4-entry map whose first key is `__peerData`). */
export function looksLikeChunk(bytes: Uint8Array): boolean {
  if (bytes.byteLength <= CHUNK_PREFIX.length) return false;
  for (let i = 0; i < CHUNK_PREFIX.length; i++) if (bytes[i] !== CHUNK_PREFIX[i]) return false;
  return true;
}

/** A received chunk, checked for shape. */
export interface Chunk {
  readonly id: number | string;
  readonly n: number;
  readonly total: number;
  readonly data: Uint8Array;
}

/** The chunk fields of a decoded `__peerData` map, or a reason why they are not a chunk. */
export function toChunk(value: Record<string, unknown>): Chunk | string {
  const { __peerData: id, n, total, data } = value;
  if (typeof id !== 'number' && typeof id !== 'string') return 'its __peerData id is not a number';
  if (typeof total !== 'number' || !Number.isSafeInteger(total) || total < 1) return 'bad total';
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0 || n >= total)
    return 'bad index n';
  if (data instanceof Uint8Array) return { id, n, total, data };
  if (data instanceof ArrayBuffer) return { id, n, total, data: new Uint8Array(data) };
  return 'its data is not binary';
}

/**
 * Reads a chunk frame laid out exactly as PeerJS writes it (keys `__peerData`, `n`, `data`,
 * `total` in that order, non-negative integer id), without building an object; the data is a
 * view of the frame. Undefined for any other layout: the caller then decodes it generically.
 */
export function parseChunkFrame(bytes: Uint8Array): Chunk | undefined {
  if (!looksLikeChunk(bytes)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = CHUNK_PREFIX.length;
  const end = bytes.byteLength;
  const uintAt = (): number => {
    if (pos >= end) return -1;
    const tag = bytes[pos] ?? 0;
    const size = tag <= 0x7f ? 0 : tag === 0xcc ? 1 : tag === 0xcd ? 2 : tag === 0xce ? 4 : -1;
    if (size < 0 || pos + 1 + size > end) return -1;
    const at = pos + 1;
    pos += 1 + size;
    return size === 0
      ? tag
      : size === 1
        ? view.getUint8(at)
        : size === 2
          ? view.getUint16(at)
          : view.getUint32(at);
  };
  const key = (expected: Uint8Array): boolean => {
    if (pos + expected.length > end) return false;
    for (let i = 0; i < expected.length; i++) if (bytes[pos + i] !== expected[i]) return false;
    pos += expected.length;
    return true;
  };
  const id = uintAt();
  if (id < 0 || !key(KEY_N)) return undefined;
  const n = uintAt();
  if (n < 0 || !key(KEY_DATA) || pos >= end) return undefined;
  const tag = bytes[pos] ?? 0;
  let length: number;
  if (tag >= 0xa0 && tag <= 0xaf) {
    length = tag - 0xa0;
    pos += 1;
  } else if (tag === 0xda && pos + 3 <= end) {
    length = view.getUint16(pos + 1);
    pos += 3;
  } else if (tag === 0xdb && pos + 5 <= end) {
    length = view.getUint32(pos + 1);
    pos += 5;
  } else {
    return undefined;
  }
  if (pos + length > end) return undefined;
  const data = bytes.subarray(pos, pos + length);
  pos += length;
  if (!key(KEY_TOTAL)) return undefined;
  const total = uintAt();
  if (total < 1 || n >= total || pos !== end) return undefined;
  return { id, n, total, data };
}

/** The header of a chunked message that is a single raw item. */
export interface RawHeader {
  /** Header bytes (3 or 5). */
  readonly header: number;
  /** Payload bytes announced by the header. */
  readonly payload: number;
}

/**
 * The header of a message that is one raw item (0xda/0xdb: what sending an ArrayBuffer or typed
 * array gives), read from its first chunk, when consistent with the chunk count.
 */
export function readRawHeader(
  first: Uint8Array,
  total: number,
  chunkSize: number,
): RawHeader | undefined {
  let header: number;
  let payload: number;
  if (first[0] === 0xdb && first.byteLength >= 5) {
    header = 5;
    payload =
      (first[1] ?? 0) * 2 ** 24 +
      (((first[2] ?? 0) << 16) | ((first[3] ?? 0) << 8) | (first[4] ?? 0));
  } else if (first[0] === 0xda && first.byteLength >= 3) {
    header = 3;
    payload = ((first[1] ?? 0) << 8) | (first[2] ?? 0);
  } else {
    return undefined;
  }
  const packed = header + payload;
  return packed > (total - 1) * chunkSize && packed <= total * chunkSize
    ? { header, payload }
    : undefined;
}
