import { describe, expect, it } from 'vitest';
import { pack as theirPack, unpack as theirUnpack } from 'peerjs-js-binarypack';
import { packToBytes } from './pack';
import { unpack } from './unpack';
import { sameBytes } from '../testing/peerjsFixtures';

/** Reference bytes from peerjs-js-binarypack (synchronous for values without Blobs). */
function reference(value: unknown): Uint8Array<ArrayBuffer> {
  const packed = theirPack(value as never);
  if (packed instanceof Promise) throw new Error('unexpected async pack');
  return new Uint8Array(packed);
}

const bytes = (n: number, seed = 7): Uint8Array<ArrayBuffer> =>
  Uint8Array.from({ length: n }, (_, i) => (i * seed + 3) & 0xff);
const text = (n: number): string => 'x'.repeat(n);

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}

/** Values whose bytes must equal BinaryPack's, and that decode (ours and theirs) to `decoded`. */
const identical: [string, unknown, unknown][] = [
  ['0', 0, 0],
  ['127', 127, 127],
  ['128', 128, 128],
  ['255', 255, 255],
  ['256', 256, 256],
  ['65535', 65535, 65535],
  ['65536', 65536, 65536],
  ['2^32-1', 2 ** 32 - 1, 2 ** 32 - 1],
  ['2^32', 2 ** 32, 2 ** 32],
  ['2^40+5', 2 ** 40 + 5, 2 ** 40 + 5],
  ['2^53-1', Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  ['-1', -1, -1],
  ['-32', -32, -32],
  ['-33', -33, -33],
  ['-128', -128, -128],
  ['-129', -129, -129],
  ['-32768', -32768, -32768],
  ['-32769', -32769, -32769],
  ['-2^31', -(2 ** 31), -(2 ** 31)],
  ['-0 (sent as 0)', -0, 0],
  ['1.5', 1.5, 1.5],
  ['-2.25', -2.25, -2.25],
  ['0.1', 0.1, 0.1],
  ['pi', Math.PI, Math.PI],
  ['1e-300', 1e-300, 1e-300],
  ['empty string', '', ''],
  ['15-byte string', text(15), text(15)],
  ['16-byte string', text(16), text(16)],
  ['65535-byte string', text(65535), text(65535)],
  ['65536-byte string', text(65536), text(65536)],
  ['emoji and non-BMP', 'héllo 😀 𝄞 中文', 'héllo 😀 𝄞 中文'],
  ['leading BOM', '\uFEFFbom', '\uFEFFbom'],
  ['true', true, true],
  ['false', false, false],
  ['null', null, null],
  ['undefined (sent as null)', undefined, null],
  ['empty array', [], []],
  ['nested arrays', [1, [2, [3, []]]], [1, [2, [3, []]]]],
  ['16 items', Array.from({ length: 16 }, (_, i) => i), Array.from({ length: 16 }, (_, i) => i)],
  // BinaryPack's packer recurses once per item: beyond ~10000 items it overflows the stack.
  ['5000 items', new Array<number>(5000).fill(1), new Array<number>(5000).fill(1)],
  ['sparse array (holes as null)', [1, , 3], [1, null, 3]], // eslint-disable-line no-sparse-arrays
  ['empty object', {}, {}],
  ['object', { a: 1, b: 'two', c: [true, null] }, { a: 1, b: 'two', c: [true, null] }],
  [
    '16 keys',
    Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${String(i)}`, i])),
    Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${String(i)}`, i])),
  ],
  ['undefined property (as null)', { a: undefined }, { a: null }],
  ['class instance (own keys)', new Point(1, 2), { x: 1, y: 2 }],
  ['Date (as its toString)', new Date(1_700_000_000_000), new Date(1_700_000_000_000).toString()],
];

const binaryValues: [string, ArrayBuffer | ArrayBufferView, number][] = [
  ['empty ArrayBuffer', new ArrayBuffer(0), 0],
  ['15-byte ArrayBuffer', bytes(15).buffer, 15],
  ['16-byte ArrayBuffer', bytes(16).buffer, 16],
  ['65535-byte ArrayBuffer', bytes(65535).buffer, 65535],
  ['65536-byte ArrayBuffer', bytes(65536).buffer, 65536],
  ['Uint8Array view with offset', bytes(100).subarray(10, 60), 50],
  ['Int8Array', new Int8Array([-1, 2, -3]), 3],
  ['Uint8ClampedArray', new Uint8ClampedArray([1, 255]), 2],
  ['Int16Array', new Int16Array([-1, 2]), 4],
  ['Uint16Array', new Uint16Array([1, 65535]), 4],
  ['Int32Array', new Int32Array([-5, 6]), 8],
  ['Uint32Array', new Uint32Array([7, 2 ** 32 - 1]), 8],
  ['Float32Array', new Float32Array([1.5, -2]), 8],
  ['Float64Array', new Float64Array([Math.E]), 8],
  ['BigInt64Array', new BigInt64Array([-1n]), 8],
  ['BigUint64Array', new BigUint64Array([1n]), 8],
];

const viewBytes = (v: ArrayBuffer | ArrayBufferView): Uint8Array =>
  v instanceof ArrayBuffer
    ? new Uint8Array(v)
    : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);

describe('BinaryPack encoding matches peerjs-js-binarypack', { timeout: 60_000 }, () => {
  it.each(identical)('%s: same bytes, both decoders agree', (_name, value, decoded) => {
    const ours = packToBytes(value);
    expect(sameBytes(ours, reference(value))).toBe(true);
    expect(unpack(ours)).toEqual(decoded);
    expect(theirUnpack(ours.buffer)).toEqual(decoded);
  });

  it.each(binaryValues)('%s: same bytes, arrives as an ArrayBuffer', (_name, value, length) => {
    const ours = packToBytes(value);
    expect(sameBytes(ours, reference(value))).toBe(true);
    for (const out of [unpack(ours), theirUnpack(ours.buffer)]) {
      expect(out).toBeInstanceOf(ArrayBuffer);
      expect(sameBytes(out as ArrayBuffer, viewBytes(value))).toBe(true);
      expect((out as ArrayBuffer).byteLength).toBe(length);
    }
  });

  it('a DataView (which BinaryPack refuses) is sent as its bytes', () => {
    const source = bytes(40);
    const view = new DataView(source.buffer, 4, 20);
    expect(() => reference(view)).toThrow();
    const out = theirUnpack(packToBytes(view).buffer);
    expect(new Uint8Array(out as ArrayBuffer)).toEqual(source.subarray(4, 24));
  });

  it('bytes inside structures, and many keys and items, match', () => {
    const value = {
      list: [bytes(3).buffer, new Uint16Array([1, 2])],
      n: -70000,
      s: 'é'.repeat(33000),
    };
    expect(sameBytes(packToBytes(value), reference(value))).toBe(true);
  });
});

describe('numbers BinaryPack gets wrong', { timeout: 60_000 }, () => {
  it('decodes negative 64-bit integers exactly (BinaryPack rounds them)', () => {
    for (const n of [-(2 ** 31) - 1, -(2 ** 32) - 1, -(2 ** 40) - 12345, Number.MIN_SAFE_INTEGER]) {
      const ours = packToBytes(n);
      expect(ours).toEqual(reference(n));
      expect(unpack(ours)).toBe(n);
    }
  });

  it('sends NaN and ±Infinity as IEEE doubles (BinaryPack writes zeros or throws)', () => {
    expect(() => reference(Infinity)).toThrow();
    for (const n of [NaN, Infinity, -Infinity]) expect(unpack(packToBytes(n))).toBe(n);
    expect(theirUnpack(packToBytes(Infinity).buffer)).toBe(Infinity);
    expect(theirUnpack(packToBytes(-Infinity).buffer)).toBe(-Infinity);
  });

  it('packs 70000 items with a 32-bit count (BinaryPack overflows its stack there)', () => {
    const value = new Array<number>(70000).fill(3);
    const ours = packToBytes(value);
    expect(Array.from(ours.subarray(0, 5))).toEqual([0xdd, 0, 1, 0x11, 0x70]);
    expect(ours.byteLength).toBe(70005);
    expect(unpack(ours)).toEqual(value);
    expect(theirUnpack(ours.buffer)).toEqual(value);
  });

  it('sends integers beyond ±2^64 as doubles, and 2^63 as uint64', () => {
    for (const n of [1e20, -1e20, 2 ** 64, 2 ** 63]) {
      expect(unpack(packToBytes(n))).toBe(n);
      expect(theirUnpack(packToBytes(n).buffer)).toBe(n);
    }
  });

  it('doubles just below a power of two arrive exact (BinaryPack halves some of them)', () => {
    let wrongTheirs = 0;
    for (let k = -60; k <= 60; k++) {
      const n = 2 ** k * (1 - 2 ** -53);
      if (Number.isInteger(n)) continue;
      expect(theirUnpack(packToBytes(n).buffer)).toBe(n);
      expect(unpack(packToBytes(n))).toBe(n);
      if (theirUnpack(reference(n).buffer) !== n) wrongTheirs++;
    }
    expect(wrongTheirs).toBeGreaterThan(0);
  });

  it('random doubles: identical bytes wherever BinaryPack is exact', () => {
    let differing = 0;
    for (let i = 0; i < 5000; i++) {
      const n = (Math.random() - 0.5) * 10 ** Math.floor(Math.random() * 40 - 20);
      if (Number.isInteger(n)) continue;
      const ours = packToBytes(n);
      expect(unpack(ours)).toBe(n);
      expect(theirUnpack(ours.buffer)).toBe(n);
      const theirs = reference(n);
      if (theirs.some((b, j) => b !== ours[j])) {
        differing++;
        // Only where BinaryPack's own bytes do not decode back to n.
        expect(theirUnpack(theirs.buffer)).not.toBe(n);
      }
    }
    console.log(`doubles whose BinaryPack bytes are wrong: ${String(differing)} of 5000`);
    expect(differing).toBeLessThan(100);
  });
});
