/**
 * A running 32-bit FNV-1a checksum over message bytes, taken 4 bytes (little-endian) at a time
 * from the start of each message, then the remaining bytes one at a time. It does not depend on
 * how the bytes are aligned in memory, so sender and receiver agree whatever view the client
 * hands over; it does depend on message boundaries and order, which a reliable ordered channel
 * keeps.
 */
export const CHECKSUM_SEED = 0x811c9dc5;
const PRIME = 0x01000193;

/** Folds one message's bytes into checksum `h`. */
export function checksumBytes(h: number, bytes: Uint8Array): number {
  const words = bytes.byteLength >>> 2;
  let hash = h;
  if ((bytes.byteOffset & 3) === 0) {
    const view = new Uint32Array(bytes.buffer, bytes.byteOffset, words);
    for (let i = 0; i < words; i++) hash = Math.imul(hash ^ view[i]!, PRIME);
  } else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < words; i++) hash = Math.imul(hash ^ view.getUint32(i * 4, true), PRIME);
  }
  for (let i = words * 4; i < bytes.byteLength; i++) hash = Math.imul(hash ^ bytes[i]!, PRIME);
  return hash >>> 0;
}

/** The bytes of a received binary message, or undefined when it is not binary. */
export function bytesOf(data: unknown): Uint8Array | undefined {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data))
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return undefined;
}

/** Fills `buffer` with xorshift32 noise from `state`; returns the next state. */
export function fillNoise(buffer: ArrayBuffer, state: number): number {
  const words = new Uint32Array(buffer, 0, buffer.byteLength >>> 2);
  let x = state >>> 0 || 1;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x >>> 0;
  }
  return x >>> 0;
}
