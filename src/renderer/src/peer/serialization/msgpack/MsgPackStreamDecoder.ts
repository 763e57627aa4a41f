import type { ResolvedDecoderOptions } from '../defaults';
import { SerializationError } from '../errors';
import type { DecoderSink, Frame, FrameDecoder } from '../types';
import { decodeUtf8 } from '../utf8';
import { ValueBuilder } from '../ValueBuilder';
import { MsgPackExt } from './MsgPackExt';
import { EXT_TIMESTAMP, decodeTimestamp } from './timestamp';

/** Item outcomes of `#item`. */
const MORE = 0; // needs bytes up to #needUntil
const ITEM = 1; // an item was added; the message is not complete
const DONE = 2; // a message is complete (in #builder.result)

/** Binary items at least this long are handed out as views of the stream buffer (no copy). */
const VIEW_THRESHOLD = 65536;

/**
 * Decodes PeerJS's MsgPack stream: msgpack values back to back, cut into frames anywhere (PeerJS
 * cuts every 32768 bytes). Resumable: a frame that ends inside a value is kept and parsing
 * continues where it stopped, so large messages cost O(size). A msgpack stream cannot resync,
 * so after malformed data the decoder reports once and ignores the rest of the stream.
 */
export class MsgPackStreamDecoder implements FrameDecoder {
  #buf = new Uint8Array(0);
  #view = new DataView(this.#buf.buffer);
  /** Start of the message being decoded; bytes before it are consumed. */
  #start = 0;
  #pos = 0;
  #end = 0;
  #needUntil = 0;
  /** The buffer has views handed out: never write over it again. */
  #shared = false;
  #failed = false;
  readonly #builder = new ValueBuilder();

  constructor(
    private readonly sink: DecoderSink,
    private readonly options: ResolvedDecoderOptions,
  ) {}

  push(frame: Frame): void {
    if (this.#failed) return;
    if (typeof frame === 'string' || !(frame instanceof ArrayBuffer || ArrayBuffer.isView(frame))) {
      this.sink.onError(
        new SerializationError('unexpected-frame', 'MsgPack: received a non-binary frame'),
      );
      return;
    }
    const bytes =
      frame instanceof ArrayBuffer
        ? new Uint8Array(frame)
        : new Uint8Array(frame.buffer, frame.byteOffset, frame.byteLength);
    this.#append(bytes);
    if (this.#end < this.#needUntil) return;
    for (;;) {
      let outcome: number;
      try {
        outcome = this.#item();
      } catch (error) {
        this.#fail(SerializationError.wrap(error, 'malformed-data', 'MsgPack: undecodable stream'));
        return;
      }
      if (outcome === MORE) {
        if (this.#needUntil - this.#start > this.options.maxMessageBytes) {
          this.#fail(
            new SerializationError('message-too-big', 'MsgPack: a message is over maxMessageBytes'),
          );
        }
        return;
      }
      if (outcome === DONE) {
        const value = this.#builder.result;
        this.#builder.result = undefined;
        this.#start = this.#pos;
        this.sink.onMessage(value);
        if (this.#isFailed()) return;
      }
      if (this.#pos === this.#end) {
        if (this.#start === this.#end && !this.#shared) {
          this.#start = this.#pos = this.#end = this.#needUntil = 0;
        }
        return;
      }
    }
  }

  /** A method, so TypeScript does not keep `#failed` narrowed across sink calls. */
  #isFailed(): boolean {
    return this.#failed;
  }

  dispose(): void {
    this.#failed = true;
    this.#buf = new Uint8Array(0);
    this.#builder.clear();
  }

  #fail(error: SerializationError): void {
    this.dispose();
    this.sink.onError(error);
  }

  #append(bytes: Uint8Array): void {
    const length = bytes.byteLength;
    if (this.#end + length > this.#buf.byteLength) {
      const live = this.#end - this.#start;
      const wanted = Math.max(live + length, this.#needUntil - this.#start);
      const shift = this.#start;
      if (!this.#shared && wanted <= this.#buf.byteLength) {
        this.#buf.copyWithin(0, shift, this.#end);
      } else {
        const next = new Uint8Array(Math.max(wanted, 2 * this.#buf.byteLength, 4096));
        next.set(this.#buf.subarray(shift, this.#end));
        this.#buf = next;
        this.#view = new DataView(next.buffer);
        this.#shared = false;
      }
      this.#start = 0;
      this.#pos -= shift;
      this.#end -= shift;
      this.#needUntil = Math.max(0, this.#needUntil - shift);
    }
    this.#buf.set(bytes, this.#end);
    this.#end += length;
  }

  /** True when `n` more bytes follow #pos + `at`; else records how far the stream must fill. */
  #has(at: number, n: number): boolean {
    if (this.#pos + at + n <= this.#end) return true;
    this.#needUntil = this.#pos + at + n;
    return false;
  }

  /** Decodes one item at #pos. Moves #pos past it only when it is complete. */
  #item(): number {
    if (!this.#has(0, 1)) return MORE;
    const type = this.#buf[this.#pos] ?? 0;
    if (type < 0x80) return this.#add(1, type);
    if (type >= 0xe0) return this.#add(1, type - 0x100);
    if (type < 0x90) return this.#open(1, type - 0x80, false);
    if (type < 0xa0) return this.#open(1, type - 0x90, true);
    if (type < 0xc0) return this.#str(1, type - 0xa0);
    const v = this.#view;
    const p = this.#pos + 1;
    switch (type) {
      case 0xc0:
        return this.#add(1, null);
      case 0xc2:
        return this.#add(1, false);
      case 0xc3:
        return this.#add(1, true);
      case 0xca:
        return this.#has(1, 4) ? this.#add(5, v.getFloat32(p)) : MORE;
      case 0xcb:
        return this.#has(1, 8) ? this.#add(9, v.getFloat64(p)) : MORE;
      case 0xcc:
        return this.#has(1, 1) ? this.#add(2, v.getUint8(p)) : MORE;
      case 0xcd:
        return this.#has(1, 2) ? this.#add(3, v.getUint16(p)) : MORE;
      case 0xce:
        return this.#has(1, 4) ? this.#add(5, v.getUint32(p)) : MORE;
      case 0xcf:
        return this.#has(1, 8)
          ? this.#add(9, v.getUint32(p) * 0x1_0000_0000 + v.getUint32(p + 4))
          : MORE;
      case 0xd0:
        return this.#has(1, 1) ? this.#add(2, v.getInt8(p)) : MORE;
      case 0xd1:
        return this.#has(1, 2) ? this.#add(3, v.getInt16(p)) : MORE;
      case 0xd2:
        return this.#has(1, 4) ? this.#add(5, v.getInt32(p)) : MORE;
      case 0xd3:
        return this.#has(1, 8)
          ? this.#add(9, v.getInt32(p) * 0x1_0000_0000 + v.getUint32(p + 4))
          : MORE;
      case 0xd9:
        return this.#has(1, 1) ? this.#str(2, v.getUint8(p)) : MORE;
      case 0xda:
        return this.#has(1, 2) ? this.#str(3, v.getUint16(p)) : MORE;
      case 0xdb:
        return this.#has(1, 4) ? this.#str(5, v.getUint32(p)) : MORE;
      case 0xc4:
        return this.#has(1, 1) ? this.#bin(2, v.getUint8(p)) : MORE;
      case 0xc5:
        return this.#has(1, 2) ? this.#bin(3, v.getUint16(p)) : MORE;
      case 0xc6:
        return this.#has(1, 4) ? this.#bin(5, v.getUint32(p)) : MORE;
      case 0xdc:
        return this.#has(1, 2) ? this.#open(3, v.getUint16(p), true) : MORE;
      case 0xdd:
        return this.#has(1, 4) ? this.#open(5, v.getUint32(p), true) : MORE;
      case 0xde:
        return this.#has(1, 2) ? this.#open(3, v.getUint16(p), false) : MORE;
      case 0xdf:
        return this.#has(1, 4) ? this.#open(5, v.getUint32(p), false) : MORE;
      case 0xd4:
      case 0xd5:
      case 0xd6:
      case 0xd7:
      case 0xd8:
        return this.#ext(1, 1 << (type - 0xd4));
      case 0xc7:
        return this.#has(1, 1) ? this.#ext(2, v.getUint8(p)) : MORE;
      case 0xc8:
        return this.#has(1, 2) ? this.#ext(3, v.getUint16(p)) : MORE;
      case 0xc9:
        return this.#has(1, 4) ? this.#ext(5, v.getUint32(p)) : MORE;
      default:
        throw new SerializationError(
          'malformed-data',
          `MsgPack: unknown type byte 0x${type.toString(16)}`,
        );
    }
  }

  #add(size: number, value: unknown): number {
    this.#pos += size;
    return this.#builder.add(value) ? DONE : ITEM;
  }

  #open(size: number, count: number, array: boolean): number {
    if (count > this.options.maxMessageBytes) {
      throw new SerializationError(
        'message-too-big',
        `MsgPack: ${String(count)} items is over maxMessageBytes`,
      );
    }
    this.#pos += size;
    const done = array ? this.#builder.openArray(count) : this.#builder.openMap(count);
    return done ? DONE : ITEM;
  }

  #str(header: number, length: number): number {
    if (!this.#has(header, length)) return MORE;
    const start = this.#pos + header;
    return this.#add(header + length, decodeUtf8(this.#buf, start, start + length));
  }

  #bin(header: number, length: number): number {
    if (!this.#has(header, length)) return MORE;
    const start = this.#pos + header;
    let bytes: Uint8Array;
    if (length >= VIEW_THRESHOLD) {
      bytes = this.#buf.subarray(start, start + length);
      this.#shared = true;
    } else {
      bytes = this.#buf.slice(start, start + length);
    }
    return this.#add(header + length, bytes);
  }

  #ext(header: number, length: number): number {
    if (!this.#has(header, length + 1)) return MORE;
    const start = this.#pos + header;
    const type = this.#view.getInt8(start);
    const data = this.#buf.slice(start + 1, start + 1 + length);
    const value = type === EXT_TIMESTAMP ? decodeTimestamp(data) : new MsgPackExt(type, data);
    return this.#add(header + 1 + length, value);
  }
}
