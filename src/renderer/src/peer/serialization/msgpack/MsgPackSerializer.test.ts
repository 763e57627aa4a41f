import { describe, expect, it } from 'vitest';
import { ExtData, decode, decodeMultiStream, encode } from '@msgpack/msgpack';
import { MsgPackSerializer } from './MsgPackSerializer';
import { MsgPackExt } from './MsgPackExt';
import { asReceived, pseudoRandomBytes, recordingSink, sameBytes } from '../testing/peerjsFixtures';
import type { Frame } from '../types';

const MiB = 1024 * 1024;

const concat = (frames: readonly Frame[]): Uint8Array => {
  const parts = frames.map((f) => new Uint8Array(asReceived(f) as ArrayBuffer));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
};

/** PeerJS's StreamConnection split: 32768-byte subarrays of the encoded message. */
const peerjsFrames = (bytes: Uint8Array): ArrayBuffer[] => {
  const frames: ArrayBuffer[] = [];
  for (let split = 0; split < bytes.length; split += 32768) {
    frames.push(bytes.slice(split, split + 32768).buffer);
  }
  return frames;
};

const str = (n: number): string => 'y'.repeat(n);

/** Values @msgpack/msgpack encodes exactly as we do. */
const values: [string, unknown][] = [
  ...[0, 127, 128, 255, 256, 65535, 65536, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1].map(
    (n): [string, unknown] => [`uint ${String(n)}`, n],
  ),
  ...[-1, -32, -33, -128, -129, -32768, -32769, -(2 ** 31), -(2 ** 31) - 1, -(2 ** 53 - 1)].map(
    (n): [string, unknown] => [`int ${String(n)}`, n],
  ),
  ['-0', -0],
  ['float', 1.25],
  ['2^60 (not safe: float 64)', 2 ** 60],
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['-Infinity', -Infinity],
  ...[0, 31, 32, 255, 256, 65535, 65536].map((n): [string, unknown] => [
    `string of ${String(n)}`,
    str(n),
  ]),
  ['unicode', 'ünïcödé 😀 𝄞'],
  ['null', null],
  ['undefined', undefined],
  ['booleans', [true, false]],
  ['empty array', []],
  [
    'array of 15, 16, 65536',
    [new Array(15).fill(0), new Array(16).fill(1), new Array(65536).fill(2)],
  ],
  ['empty map', {}],
  [
    'maps of 15 and 16 keys',
    [15, 16].map((k) =>
      Object.fromEntries(Array.from({ length: k }, (_, i) => [`k${String(i)}`, i])),
    ),
  ],
  ['nested', { a: { b: { c: [1, { d: 'e' }] } }, u: undefined }],
  ...[0, 255, 256, 65535, 65536].map((n): [string, unknown] => [
    `bin of ${String(n)}`,
    pseudoRandomBytes(n),
  ]),
  [
    'typed arrays as bin',
    [new Int16Array([1, -1]), new Float64Array([0.5]), new DataView(new ArrayBuffer(3))],
  ],
  [
    'Map, Set, class instance (own keys)',
    [
      new Map([[1, 2]]),
      new Set([1]),
      new (class {
        x = 1;
      })(),
    ],
  ],
  ['Date epoch', new Date(0)],
  ['Date with ms', new Date(1_700_000_000_123)],
  ['Date before 1970', new Date(-1_000_000_000_001)],
  ['Date past 2^34 s', new Date(8.64e15)],
  ['invalid Date', new Date(NaN)],
];

describe(
  'MsgPack encoding matches @msgpack/msgpack (PeerJS MsgPack connection)',
  { timeout: 60_000 },
  () => {
    it.each(values)('%s: same bytes; each decodes the other', (_name, value) => {
      const ours = concat(new MsgPackSerializer().encode(value) as Frame[]);
      const theirs = encode(value);
      expect(sameBytes(ours, theirs)).toBe(true);
      const sink = recordingSink();
      new MsgPackSerializer().createDecoder(sink).push(theirs.slice().buffer);
      expect(sink.errors).toEqual([]);
      const expected = decode(theirs);
      const got = sink.messages[0];
      if (expected instanceof Uint8Array) expect(sameBytes(got as Uint8Array, expected)).toBe(true);
      else expect(got).toEqual(expected);
    });

    it('sends ArrayBuffers and Blobs as bin (PeerJS sends them as {})', async () => {
      const buffer = pseudoRandomBytes(100).buffer;
      const blob = new Blob([pseudoRandomBytes(70_000, 4)]);
      const frames = await new MsgPackSerializer().encode({ buffer, blob });
      const got = decode(concat(frames)) as { buffer: Uint8Array; blob: Uint8Array };
      expect(sameBytes(got.buffer, buffer)).toBe(true);
      expect(sameBytes(got.blob, await blob.arrayBuffer())).toBe(true);
    });

    it('decodes unknown extensions into MsgPackExt', () => {
      const sink = recordingSink();
      new MsgPackSerializer()
        .createDecoder(sink)
        .push(encode(new ExtData(5, Uint8Array.from([1, 2]))).slice().buffer);
      expect(sink.messages).toEqual([new MsgPackExt(5, Uint8Array.from([1, 2]))]);
    });

    it('encodes our MsgPackExt as an extension @msgpack/msgpack decodes to ExtData', () => {
      const frames = new MsgPackSerializer().encode(
        new MsgPackExt(-5, Uint8Array.from([9])),
      ) as Frame[];
      expect(decode(concat(frames))).toEqual(new ExtData(-5, Uint8Array.from([9])));
    });

    it('refuses functions, symbols, bigints and cycles with unsupported-type', () => {
      const cyclic: unknown[] = [];
      cyclic.push(cyclic);
      for (const value of [() => 0, Symbol('x'), 1n, cyclic]) {
        expect(() => new MsgPackSerializer().encode(value)).toThrow(
          expect.objectContaining({ name: 'SerializationError', type: 'unsupported-type' }),
        );
      }
    });
  },
);

describe('MsgPack stream', { timeout: 60_000 }, () => {
  it.each([
    ['1 MiB', MiB],
    ['16 MiB', 16 * MiB],
  ])(
    'a %s message: our 32768-byte frames decode with decodeMultiStream, and theirs with ours',
    async (_n, size) => {
      const payload = pseudoRandomBytes(size, size);
      const value = { id: 'x', payload };
      const frames = new MsgPackSerializer().encode(value) as Frame[];
      expect(frames).toHaveLength(Math.ceil((size + 20) / 32768));
      if (size <= MiB) {
        // PeerJS's receive path. It copies its whole buffer per frame (O(n²)): too slow for 16 MiB.
        async function* stream() {
          for (const f of frames) {
            await Promise.resolve(); // frames arrive one task at a time, as from a channel
            yield new Uint8Array(asReceived(f) as ArrayBuffer);
          }
        }
        const received: unknown[] = [];
        for await (const msg of decodeMultiStream(stream())) received.push(msg);
        expect(received).toHaveLength(1);
        expect(sameBytes((received[0] as typeof value).payload, payload)).toBe(true);
      } else {
        const received = decode(concat(frames)) as typeof value;
        expect(sameBytes(received.payload, payload)).toBe(true);
      }

      const sink = recordingSink();
      const decoder = new MsgPackSerializer().createDecoder(sink);
      for (const f of peerjsFrames(encode(value))) decoder.push(f);
      expect(sink.errors).toEqual([]);
      const got = sink.messages[0] as typeof value;
      expect(got.id).toBe('x');
      expect(got.payload).toBeInstanceOf(Uint8Array);
      expect(sameBytes(got.payload, payload)).toBe(true);
    },
  );

  it('decodes many messages cut at every possible place, down to 1-byte frames', () => {
    const messages: unknown[] = [
      1,
      'two',
      { three: [3, 3.5, null] },
      pseudoRandomBytes(300),
      new Date(5),
      [],
      {},
      'é😀',
    ];
    const stream = concat(messages.flatMap((m) => new MsgPackSerializer().encode(m) as Frame[]));
    for (const size of [1, 2, 3, 7, 64, 1000]) {
      const sink = recordingSink();
      const decoder = new MsgPackSerializer().createDecoder(sink);
      for (let at = 0; at < stream.byteLength; at += size)
        decoder.push(stream.slice(at, at + size).buffer);
      expect(sink.errors).toEqual([]);
      expect(sink.messages).toEqual(messages);
    }
  });

  it('passes the close request on as a message', () => {
    const serializer = new MsgPackSerializer();
    const sink = recordingSink();
    const decoder = serializer.createDecoder(sink);
    for (const f of serializer.encodeClose()) decoder.push(asReceived(f));
    expect(sink.messages).toEqual([{ __peerData: { type: 'close' } }]);
    expect(decode(concat(serializer.encodeClose()))).toEqual({ __peerData: { type: 'close' } });
  });

  it('reports malformed data once, then ignores the stream (msgpack cannot resync)', () => {
    const sink = recordingSink();
    const decoder = new MsgPackSerializer().createDecoder(sink);
    decoder.push(Uint8Array.from([0x01, 0xc1, 0x02]).buffer);
    decoder.push(Uint8Array.from([0x03]).buffer);
    expect(sink.messages).toEqual([1]);
    expect(sink.errors.map((e) => e.type)).toEqual(['malformed-data']);
  });

  it('refuses a message over maxMessageBytes from its header, before buffering it', () => {
    const sink = recordingSink();
    const decoder = new MsgPackSerializer().createDecoder(sink, { maxMessageBytes: 1000 });
    decoder.push(Uint8Array.from([0xc6, 0x00, 0x10, 0x00, 0x00, 1, 2, 3]).buffer);
    expect(sink.errors.map((e) => e.type)).toEqual(['message-too-big']);
  });

  it('survives random bytes and truncations without throwing', () => {
    for (let i = 0; i < 500; i++) {
      const sink = recordingSink();
      const decoder = new MsgPackSerializer().createDecoder(sink);
      expect(() => {
        decoder.push(pseudoRandomBytes(1 + (i % 100), i + 1).buffer);
        decoder.push(encode({ a: [1, 'x'], b: pseudoRandomBytes(i) }).slice(0, i % 20).buffer);
      }).not.toThrow();
      for (const e of sink.errors) expect(e.name).toBe('SerializationError');
    }
  });
});
