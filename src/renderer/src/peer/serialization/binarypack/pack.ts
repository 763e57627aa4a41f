import { ByteWriter } from '../ByteWriter';
import { DEFAULT_MAX_DEPTH } from '../defaults';
import { concatFrame, type ResolvedParts } from '../frames';
import { SerializationError } from '../errors';
import { bytesOf, isArrayBuffer, isBlob, isPackableObject } from '../kinds';

/**
 * BinaryPack encoding, byte for byte as peerjs-js-binarypack 2.x `pack` (the format of PeerJS's
 * `binary` serialization). Where that packer throws or writes wrong bytes we write the correct
 * IEEE 754 double instead (NaN, ±Infinity, integers beyond ±2^64, see README.md); DataView and
 * null-prototype objects, which it refuses, are packed as bytes and as a map.
 */
export class BinaryPacker {
  constructor(
    private readonly w: ByteWriter,
    private readonly maxDepth: number,
  ) {}

  pack(value: unknown, depth = 0): void {
    const w = this.w;
    switch (typeof value) {
      case 'string':
        this.string(value);
        return;
      case 'number':
        if (!(Number.isFinite(value) && Math.floor(value) === value && this.integer(value))) {
          w.u8(0xcb);
          w.f64(value);
        }
        return;
      case 'boolean':
        w.u8(value ? 0xc3 : 0xc2);
        return;
      case 'undefined':
        w.u8(0xc0);
        return;
      case 'object':
        if (value === null) w.u8(0xc0);
        else this.object(value, depth);
        return;
      default:
        throw new SerializationError('unsupported-type', `binary cannot send a ${typeof value}`);
    }
  }

  private object(value: object, depth: number): void {
    if (depth >= this.maxDepth) {
      throw new SerializationError(
        'unsupported-type',
        `binary: nesting deeper than ${String(this.maxDepth)} (a cycle?)`,
      );
    }
    if (Array.isArray(value)) {
      this.header(value.length, 0x90, 0xdc, 0xdd);
      for (let i = 0; i < value.length; i++) this.pack(value[i], depth + 1);
    } else if (isArrayBuffer(value) || ArrayBuffer.isView(value)) {
      const bytes = bytesOf(value);
      this.header(bytes.byteLength, 0xa0, 0xda, 0xdb);
      this.w.bytes(bytes);
    } else if (value instanceof Date) {
      this.string(value.toString());
    } else if (isBlob(value)) {
      this.header(value.size, 0xa0, 0xda, 0xdb);
      this.w.blob(value);
    } else if (isPackableObject(value)) {
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record);
      this.header(keys.length, 0x80, 0xde, 0xdf);
      for (const key of keys) {
        this.string(key);
        this.pack(record[key], depth + 1);
      }
    } else {
      const name = Object.prototype.toString.call(value).slice(8, -1);
      throw new SerializationError('unsupported-type', `binary cannot send a ${name}`);
    }
  }

  /**
   * Writes an integer as BinaryPack does; false beyond ±2^64 (then sent as a double). BinaryPack
   * sends 2^63 as int64 and 2^64 as uint64 0, which decode wrong; we send uint64 and a double.
   */
  private integer(n: number): boolean {
    const w = this.w;
    if (n >= -32 && n <= 0x7f) {
      w.u8(n & 0xff);
    } else if (n >= 0 && n <= 0xff) {
      w.u8(0xcc);
      w.u8(n);
    } else if (n >= -128 && n <= 0x7f) {
      w.u8(0xd0);
      w.u8(n & 0xff);
    } else if (n >= 0 && n <= 0xffff) {
      w.u8(0xcd);
      w.u16(n);
    } else if (n >= -32768 && n <= 0x7fff) {
      w.u8(0xd1);
      w.u16(n & 0xffff);
    } else if (n >= 0 && n <= 0xffffffff) {
      w.u8(0xce);
      w.u32(n);
    } else if (n >= -2147483648 && n <= 0x7fffffff) {
      w.u8(0xd2);
      w.u32(n);
    } else if (n >= -(2 ** 63) && n < 2 ** 63) {
      w.u8(0xd3);
      w.u32(Math.floor(n / 2 ** 32));
      w.u32(n % 2 ** 32);
    } else if (n >= 0 && n < 2 ** 64) {
      w.u8(0xcf);
      w.u32(n / 2 ** 32);
      w.u32(n % 2 ** 32);
    } else {
      return false;
    }
    return true;
  }

  private string(value: string): void {
    this.w.string(value, stringHeaderSize, (n) => {
      this.header(n, 0xb0, 0xd8, 0xd9);
    });
  }

  /** A length with a 4-bit short form, a 16-bit and a 32-bit form. */
  private header(length: number, fix: number, tag16: number, tag32: number): void {
    const w = this.w;
    if (length <= 0x0f) {
      w.u8(fix + length);
    } else if (length <= 0xffff) {
      w.u8(tag16);
      w.u16(length);
    } else if (length <= 0xffffffff) {
      w.u8(tag32);
      w.u32(length);
    } else {
      throw new SerializationError(
        'unsupported-type',
        `binary cannot send ${String(length)} items`,
      );
    }
  }
}

function stringHeaderSize(n: number): number {
  return n <= 0x0f ? 1 : n <= 0xffff ? 3 : 5;
}

/**
 * BinaryPack bytes of a value without Blobs, as peerjs-js-binarypack's `pack` (for tests and
 * tools; connections use BinarySerializer). Throws a SerializationError.
 */
export function packToBytes(value: unknown): Uint8Array<ArrayBuffer> {
  const writer = new ByteWriter();
  new BinaryPacker(writer, DEFAULT_MAX_DEPTH).pack(value);
  const encoded = writer.finish();
  if (encoded.hasBlobs)
    throw new SerializationError('unsupported-type', 'packToBytes: a Blob needs BinarySerializer');
  return concatFrame(encoded as ResolvedParts);
}
