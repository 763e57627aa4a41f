import type { ResolvedParts } from '../frames';
import { PartCursor } from '../frames';
import type { Frame } from '../types';

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

/** The chunk frames of one message: views of a single fresh buffer, in order. */
export function chunkFrames(message: ResolvedParts, chunkSize: number, id: number): Frame[] {
  const size = message.byteLength;
  const total = Math.ceil(size / chunkSize);
  const idBytes = uint(id);
  const totalBytes = uint(total);
  const fixed =
    CHUNK_PREFIX.length +
    idBytes.length +
    KEY_N.length +
    KEY_DATA.length +
    KEY_TOTAL.length +
    totalBytes.length;
  const lengthOf = (n: number): number => Math.min(chunkSize, size - n * chunkSize);

  let outLength = 0;
  for (let n = 0; n < total; n++) {
    const length = lengthOf(n);
    outLength += fixed + uint(n).length + rawHeader(length).length + length;
  }
  const out = new Uint8Array(outLength);
  const cursor = new PartCursor(message.parts);
  const frames: Frame[] = [];
  let at = 0;
  const put = (bytes: ArrayLike<number>): void => {
    out.set(bytes, at);
    at += bytes.length;
  };
  for (let n = 0; n < total; n++) {
    const start = at;
    const length = lengthOf(n);
    put(CHUNK_PREFIX);
    put(idBytes);
    put(KEY_N);
    put(uint(n));
    put(KEY_DATA);
    put(rawHeader(length));
    cursor.copyTo(out, at, length);
    at += length;
    put(KEY_TOTAL);
    put(totalBytes);
    frames.push(out.subarray(start, at));
  }
  return frames;
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
