import type { ByteWriter } from '../ByteWriter';
import { SerializationError } from '../errors';
import { bytesOf, isArrayBuffer, isBlob } from '../kinds';
import { MsgPackExt } from './MsgPackExt';
import { EXT_TIMESTAMP, encodeTimestamp } from './timestamp';

/**
 * msgpack encoding, byte for byte as @msgpack/msgpack 2.x `Encoder` with its defaults (what
 * PeerJS's MsgPack connection sends): safe integers in the smallest int form, other numbers
 * as float 64, Dates as timestamps, typed arrays and DataViews as bin, every other object as a
 * map of its own enumerable keys. Extensions: ArrayBuffer and Blob go as bin (it sends `{}`).
 */
export class MsgPackPacker {
  constructor(
    private readonly w: ByteWriter,
    private readonly maxDepth: number,
  ) {}

  pack(value: unknown, depth = 0): void {
    const w = this.w;
    if (value === null || value === undefined) {
      w.u8(0xc0);
    } else if (typeof value === 'boolean') {
      w.u8(value ? 0xc3 : 0xc2);
    } else if (typeof value === 'number') {
      if (Number.isSafeInteger(value)) this.integer(value);
      else {
        w.u8(0xcb);
        w.f64(value);
      }
    } else if (typeof value === 'string') {
      this.string(value);
    } else if (typeof value === 'object') {
      this.object(value, depth);
    } else {
      throw new SerializationError('unsupported-type', `MsgPack cannot send a ${typeof value}`);
    }
  }

  private object(value: object, depth: number): void {
    if (depth >= this.maxDepth) {
      throw new SerializationError(
        'unsupported-type',
        `MsgPack: nesting deeper than ${String(this.maxDepth)} (a cycle?)`,
      );
    }
    const w = this.w;
    if (value instanceof Date) {
      this.ext(EXT_TIMESTAMP, encodeTimestamp(value));
    } else if (value instanceof MsgPackExt) {
      this.ext(value.type, value.data);
    } else if (Array.isArray(value)) {
      this.header(value.length, 16, 0x90, 0xdc, 0xdd);
      for (const item of value as unknown[]) this.pack(item, depth + 1);
    } else if (ArrayBuffer.isView(value) || isArrayBuffer(value)) {
      const bytes = bytesOf(value);
      this.binHeader(bytes.byteLength);
      w.bytes(bytes);
    } else if (isBlob(value)) {
      this.binHeader(value.size);
      w.blob(value);
    } else {
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record);
      this.header(keys.length, 16, 0x80, 0xde, 0xdf);
      for (const key of keys) {
        this.string(key);
        this.pack(record[key], depth + 1);
      }
    }
  }

  private integer(n: number): void {
    const w = this.w;
    if (n >= 0) {
      if (n < 0x80) w.u8(n);
      else if (n < 0x100) this.t8(0xcc, n);
      else if (n < 0x10000) this.t16(0xcd, n);
      else if (n < 0x1_0000_0000) this.t32(0xce, n);
      else this.t64(0xcf, n / 0x1_0000_0000, n);
    } else if (n >= -0x20) w.u8(0xe0 | (n + 0x20));
    else if (n >= -0x80) this.t8(0xd0, n & 0xff);
    else if (n >= -0x8000) this.t16(0xd1, n & 0xffff);
    else if (n >= -0x8000_0000) this.t32(0xd2, n);
    else this.t64(0xd3, Math.floor(n / 0x1_0000_0000), n);
  }

  private string(value: string): void {
    this.w.string(value, strHeaderSize, (n) => {
      if (n < 32) this.w.u8(0xa0 + n);
      else if (n < 0x100) this.t8(0xd9, n);
      else if (n < 0x10000) this.t16(0xda, n);
      else if (n < 0x1_0000_0000) this.t32(0xdb, n);
      else throw new SerializationError('unsupported-type', 'MsgPack: string too long');
    });
  }

  private binHeader(n: number): void {
    if (n < 0x100) this.t8(0xc4, n);
    else if (n < 0x10000) this.t16(0xc5, n);
    else if (n < 0x1_0000_0000) this.t32(0xc6, n);
    else throw new SerializationError('unsupported-type', 'MsgPack: binary too large');
  }

  /** Array and map headers: a short form below `fixLimit`, then 16- and 32-bit counts. */
  private header(n: number, fixLimit: number, fix: number, tag16: number, tag32: number): void {
    const w = this.w;
    if (n < fixLimit) w.u8(fix + n);
    else if (n < 0x10000) this.t16(tag16, n);
    else if (n < 0x1_0000_0000) this.t32(tag32, n);
    else throw new SerializationError('unsupported-type', 'MsgPack: too many items');
  }

  private ext(type: number, data: Uint8Array): void {
    const w = this.w;
    const size = data.byteLength;
    const fixed = [0, 0xd4, 0xd5, 0, 0xd6, 0, 0, 0, 0xd7][size] ?? (size === 16 ? 0xd8 : 0);
    if (fixed !== 0) w.u8(fixed);
    else if (size < 0x100) this.t8(0xc7, size);
    else if (size < 0x10000) this.t16(0xc8, size);
    else this.t32(0xc9, size);
    w.u8(type & 0xff);
    w.bytes(data);
  }

  private t8(tag: number, value: number): void {
    this.w.u8(tag);
    this.w.u8(value);
  }

  private t16(tag: number, value: number): void {
    this.w.u8(tag);
    this.w.u16(value);
  }

  private t32(tag: number, value: number): void {
    this.w.u8(tag);
    this.w.u32(value);
  }

  /** A 64-bit integer as two 32-bit halves (each taken modulo 2^32, as @msgpack/msgpack). */
  private t64(tag: number, high: number, low: number): void {
    this.w.u8(tag);
    this.w.u32(high);
    this.w.u32(low);
  }
}

function strHeaderSize(n: number): number {
  return n < 32 ? 1 : n < 0x100 ? 2 : n < 0x10000 ? 3 : 5;
}
