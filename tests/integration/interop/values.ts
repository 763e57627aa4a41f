/** The values the interop test sends over each serialization, and how they must arrive. */
import type { Outgoing, Received } from './types';

export const TEXT: Outgoing = { kind: 'string', value: 'héllo wörld ✓ 👋' };
export const OBJECT: Outgoing = {
  kind: 'object',
  value: { text: 'hi', n: 42, pi: 3.5, flag: true, none: null, list: [1, 'two', { three: 3 }] },
};
export const BYTES: Outgoing = { kind: 'bytes', value: [0, 1, 2, 127, 128, 250, 255] };
/** Over peerjs's 16 300-byte chunk size, so binary serializations chunk and reassemble it. */
export const LARGE: Outgoing = {
  kind: 'bytes',
  value: Array.from({ length: 20_000 }, (_, i) => i % 251),
};

/**
 * What each serialization can carry (raw: strings and binary; json: no binary), and the name
 * peerjs 1.5.5 reports and puts in the OFFER: 'binary-utf8' uses the BinaryPack class, whose
 * `serialization` is 'binary', so on the wire it is 'binary'.
 */
export const SERIALIZATIONS: readonly {
  serialization: string;
  reported: string;
  values: readonly Outgoing[];
}[] = [
  { serialization: 'binary', reported: 'binary', values: [TEXT, OBJECT, BYTES, LARGE] },
  { serialization: 'binary-utf8', reported: 'binary', values: [TEXT, OBJECT, BYTES, LARGE] },
  { serialization: 'json', reported: 'json', values: [TEXT, OBJECT] },
  { serialization: 'raw', reported: 'raw', values: [TEXT, BYTES, LARGE] },
];

/**
 * How a value must arrive: strings as strings, objects as plain objects, bytes as ArrayBuffer,
 * except that peerjs 1.5.5 hands a CHUNKED binary message (binary, binary-utf8) to 'data' as the
 * Uint8Array it reassembled it into (raw never chunks).
 */
export function expected(serialization: string): (value: Outgoing) => Received {
  return (value) => {
    let ctor = { string: 'String', object: 'Object', bytes: 'ArrayBuffer' }[value.kind];
    if (value === LARGE && serialization !== 'raw') ctor = 'Uint8Array';
    return { kind: value.kind, ctor, value: value.value };
  };
}
