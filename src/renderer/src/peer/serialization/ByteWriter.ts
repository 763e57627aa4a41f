import { textEncoder } from './utf8';

/** A piece of an encoded message: bytes, or a Blob whose bytes are read before sending. */
export type Part = Uint8Array | Blob;

/** The encoded message: its parts in order and their total length. */
export interface Encoded {
  readonly parts: readonly Part[];
  readonly byteLength: number;
  readonly hasBlobs: boolean;
}

const INITIAL_SIZE = 4096;
/** Byte arrays at least this long are referenced, not copied (they are copied once, into frames). */
const REFERENCE_THRESHOLD = 512;
/** Strings at least this long are encoded on their own instead of into the scratch buffer. */
const LONG_STRING = 65536;
/** A scratch buffer grown beyond this is not kept for the next message. */
const KEEP_LIMIT = 1 << 20;

/**
 * Builds an encoded message without copying large byte arrays: small writes go to a reusable
 * scratch buffer, large arrays and Blobs are kept as references. Integers are written with
 * DataView's modular (ToUint32) conversion, exactly as BinaryPack's and msgpack's bit twiddling.
 */
export class ByteWriter {
  #buf = new Uint8Array(INITIAL_SIZE);
  #view = new DataView(this.#buf.buffer);
  #pos = 0;
  #segStart = 0;
  #parts: Part[] = [];
  #length = 0;
  #hasBlobs = false;

  /** Starts a new message. */
  reset(): void {
    if (this.#buf.length > KEEP_LIMIT || this.#hasBlobs) this.#allocate(INITIAL_SIZE);
    this.#pos = 0;
    this.#segStart = 0;
    this.#parts = [];
    this.#length = 0;
    this.#hasBlobs = false;
  }

  /**
   * Ends the message. The parts stay valid until the next `reset`. With Blobs, whose reading
   * takes time, referenced byte arrays are copied now so later changes by the caller do not leak.
   */
  finish(): Encoded {
    this.#flush();
    const parts = this.#hasBlobs
      ? this.#parts.map((part) => (part instanceof Uint8Array ? part.slice() : part))
      : this.#parts;
    return { parts, byteLength: this.#length, hasBlobs: this.#hasBlobs };
  }

  u8(value: number): void {
    if (this.#pos >= this.#buf.length) this.#grow(1);
    this.#buf[this.#pos++] = value;
  }

  u16(value: number): void {
    this.#ensure(2);
    this.#view.setUint16(this.#pos, value);
    this.#pos += 2;
  }

  u32(value: number): void {
    this.#ensure(4);
    this.#view.setUint32(this.#pos, value);
    this.#pos += 4;
  }

  f32(value: number): void {
    this.#ensure(4);
    this.#view.setFloat32(this.#pos, value);
    this.#pos += 4;
  }

  f64(value: number): void {
    this.#ensure(8);
    this.#view.setFloat64(this.#pos, value);
    this.#pos += 8;
  }

  /** Raw bytes: copied when small, referenced when large (the caller must not change them). */
  bytes(data: Uint8Array): void {
    if (data.byteLength >= REFERENCE_THRESHOLD) {
      this.#flush();
      this.#parts.push(data);
      this.#length += data.byteLength;
      return;
    }
    this.#ensure(data.byteLength);
    this.#buf.set(data, this.#pos);
    this.#pos += data.byteLength;
  }

  /** A Blob's bytes, read later; its size is known now. */
  blob(blob: Blob): void {
    this.#flush();
    this.#parts.push(blob);
    this.#length += blob.size;
    this.#hasBlobs = true;
  }

  /**
   * A string as UTF-8 preceded by its header. `headerSize(n)` says how many header bytes a
   * string of n bytes needs; `writeHeader(n)` writes them.
   */
  string(value: string, headerSize: (n: number) => number, writeHeader: (n: number) => void): void {
    if (value.length >= LONG_STRING) {
      const encoded = textEncoder.encode(value);
      writeHeader(encoded.byteLength);
      this.bytes(encoded);
      return;
    }
    const maxBytes = value.length * 3;
    const reserved = headerSize(maxBytes);
    this.#ensure(reserved + maxBytes);
    const start = this.#pos;
    let written = 0;
    let ascii = value.length <= 32;
    if (ascii) {
      const buf = this.#buf;
      const at = start + reserved;
      for (let i = 0; i < value.length; i++) {
        const c = value.charCodeAt(i);
        if (c >= 0x80) {
          ascii = false;
          break;
        }
        buf[at + i] = c;
      }
      written = value.length;
    }
    if (!ascii) {
      written = textEncoder.encodeInto(value, this.#buf.subarray(start + reserved)).written;
    }
    const actual = headerSize(written);
    if (actual !== reserved) {
      this.#buf.copyWithin(start + actual, start + reserved, start + reserved + written);
    }
    writeHeader(written);
    this.#pos = start + actual + written;
  }

  #ensure(n: number): void {
    if (this.#pos + n > this.#buf.length) this.#grow(n);
  }

  /** Keeps what was written as a part and continues in a fresh buffer (no copying). */
  #grow(n: number): void {
    this.#flush();
    this.#allocate(Math.max(this.#buf.length * 2, n + 16));
  }

  #allocate(size: number): void {
    this.#buf = new Uint8Array(size);
    this.#view = new DataView(this.#buf.buffer);
    this.#pos = 0;
    this.#segStart = 0;
  }

  #flush(): void {
    if (this.#pos > this.#segStart) {
      this.#parts.push(this.#buf.subarray(this.#segStart, this.#pos));
      this.#length += this.#pos - this.#segStart;
      this.#segStart = this.#pos;
    }
  }
}
