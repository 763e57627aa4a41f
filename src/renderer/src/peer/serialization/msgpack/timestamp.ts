import { SerializationError } from '../errors';

/** msgpack's timestamp extension type. */
export const EXT_TIMESTAMP = -1;

/**
 * The timestamp extension payload of a Date, computed exactly as @msgpack/msgpack 2.x
 * (timestamp 32 when it fits, else 64, else 96; an invalid Date gives 12 zero bytes).
 */
export function encodeTimestamp(date: Date): Uint8Array {
  const msec = date.getTime();
  let sec = Math.floor(msec / 1e3);
  let nsec = (msec - sec * 1e3) * 1e6;
  const nsecInSec = Math.floor(nsec / 1e9);
  sec += nsecInSec;
  nsec -= nsecInSec * 1e9;
  if (sec >= 0 && nsec >= 0 && sec <= 0x3_ffff_ffff) {
    if (nsec === 0 && sec <= 0xffff_ffff) {
      const out = new Uint8Array(4);
      new DataView(out.buffer).setUint32(0, sec);
      return out;
    }
    const out = new Uint8Array(8);
    const view = new DataView(out.buffer);
    view.setUint32(0, (nsec << 2) | ((sec / 0x1_0000_0000) & 0x3));
    view.setUint32(4, sec & 0xffff_ffff);
    return out;
  }
  const out = new Uint8Array(12);
  const view = new DataView(out.buffer);
  view.setUint32(0, nsec);
  view.setUint32(4, Math.floor(sec / 0x1_0000_0000));
  view.setUint32(8, sec);
  return out;
}

/** The Date of a timestamp extension payload (4, 8 or 12 bytes). */
export function decodeTimestamp(data: Uint8Array): Date {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  switch (data.byteLength) {
    case 4:
      return new Date(view.getUint32(0) * 1e3);
    case 8: {
      const nsecAndHigh = view.getUint32(0);
      const sec = (nsecAndHigh & 0x3) * 0x1_0000_0000 + view.getUint32(4);
      return new Date(sec * 1e3 + (nsecAndHigh >>> 2) / 1e6);
    }
    case 12: {
      const sec = view.getInt32(4) * 0x1_0000_0000 + view.getUint32(8);
      return new Date(sec * 1e3 + view.getUint32(0) / 1e6);
    }
    default:
      throw new SerializationError(
        'malformed-data',
        `MsgPack: a timestamp of ${String(data.byteLength)} bytes`,
      );
  }
}
