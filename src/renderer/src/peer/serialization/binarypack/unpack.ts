import { SerializationError } from '../errors';
import { decodeUtf8 } from '../utf8';
import { ValueBuilder } from '../ValueBuilder';

/** How raw (binary) items come out: copied ArrayBuffers (what PeerJS emits) or views (internal). */
export type RawMode = 'arraybuffer' | 'view';

/**
 * Decodes one BinaryPack value filling `bytes` exactly, as peerjs-js-binarypack 2.x `unpack` does
 * for every input it accepts (tags 0xc1, 0xc4–0xc9 and 0xd4–0xd7 mean `undefined`, raw is an
 * ArrayBuffer). Unlike it, integers and IEEE specials decode exactly, and truncated or trailing
 * bytes are a `malformed-data` SerializationError instead of zeros or silence.
 */
export function unpack(bytes: Uint8Array, raw: RawMode = 'arraybuffer'): unknown {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.byteLength;
  const builder = new ValueBuilder();
  let pos = 0;

  const need = (n: number): void => {
    if (pos + n > end) {
      throw new SerializationError(
        'malformed-data',
        `binary: truncated data (${String(n)} bytes needed at ${String(pos)} of ${String(end)})`,
      );
    }
  };
  const u16 = (): number => {
    need(2);
    pos += 2;
    return view.getUint16(pos - 2);
  };
  const u32 = (): number => {
    need(4);
    pos += 4;
    return view.getUint32(pos - 4);
  };
  const items = (size: number): number => {
    // Every item takes at least one byte: a bigger count cannot be honest.
    if (size > end - pos)
      throw new SerializationError('malformed-data', 'binary: count past the end');
    return size;
  };
  const rawBytes = (size: number): unknown => {
    need(size);
    pos += size;
    const start = bytes.byteOffset + pos - size;
    return raw === 'view'
      ? bytes.subarray(pos - size, pos)
      : bytes.buffer.slice(start, start + size);
  };
  const text = (size: number): string => {
    need(size);
    pos += size;
    return decodeUtf8(bytes, pos - size, pos);
  };

  for (;;) {
    need(1);
    const type = bytes[pos++] ?? 0;
    let done: boolean;
    if (type < 0x80) done = builder.add(type);
    else if (type >= 0xe0) done = builder.add(type - 0x100);
    else if (type < 0x90) done = builder.openMap(items(type - 0x80));
    else if (type < 0xa0) done = builder.openArray(items(type - 0x90));
    else if (type < 0xb0) done = builder.add(rawBytes(type - 0xa0));
    else if (type < 0xc0) done = builder.add(text(type - 0xb0));
    else if (type >= 0xdc) {
      // 0xdc/0xde: 16-bit count, 0xdd/0xdf: 32-bit count.
      const size = items(type & 1 ? u32() : u16());
      done = type < 0xde ? builder.openArray(size) : builder.openMap(size);
    } else done = builder.add(tagged(type));
    if (done) break;
  }
  if (pos !== end) {
    throw new SerializationError('malformed-data', `binary: ${String(end - pos)} trailing bytes`);
  }
  return builder.result;

  function tagged(type: number): unknown {
    switch (type) {
      case 0xc0:
        return null;
      case 0xc2:
        return false;
      case 0xc3:
        return true;
      case 0xca:
        need(4);
        pos += 4;
        return view.getFloat32(pos - 4);
      case 0xcb:
        need(8);
        pos += 8;
        return view.getFloat64(pos - 8);
      case 0xcc:
        need(1);
        return bytes[pos++];
      case 0xcd:
        return u16();
      case 0xce:
        return u32();
      case 0xcf:
        return u32() * 2 ** 32 + u32();
      case 0xd0:
        need(1);
        pos += 1;
        return view.getInt8(pos - 1);
      case 0xd1:
        need(2);
        pos += 2;
        return view.getInt16(pos - 2);
      case 0xd2:
        need(4);
        pos += 4;
        return view.getInt32(pos - 4);
      case 0xd3: {
        need(8);
        pos += 8;
        return view.getInt32(pos - 8) * 2 ** 32 + view.getUint32(pos - 4);
      }
      case 0xd8:
        return text(u16());
      case 0xd9:
        return text(u32());
      case 0xda:
        return rawBytes(u16());
      case 0xdb:
        return rawBytes(u32());
      default:
        // 0xc1, 0xc4–0xc9, 0xd4–0xd7: BinaryPack's unpacker yields undefined and reads nothing.
        return undefined;
    }
  }
}
