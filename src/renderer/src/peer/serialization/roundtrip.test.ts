import { describe, expect, it } from 'vitest';
import { createSerializer, isSerializationType, normalizeSerializationType } from './index';
import { feed, recordingSink } from './testing/peerjsFixtures';
import type { Frame, SerializationType } from './types';

/** What a value becomes on the far side: the same, or a documented conversion. */
type Outcome = { same: true } | { becomes: unknown } | { refused: string };
const same: Outcome = { same: true };
const becomes = (value: unknown): Outcome => ({ becomes: value });
const refused = (type: string): Outcome => ({ refused: type });

const bytes = Uint8Array.from([1, 2, 250]);
const date = new Date(Date.UTC(2026, 10, 23, 19, 15, 0, 250));

/** Rows: value, then its outcome for binary (and binary-utf8), json, MsgPack. */
const table: [string, unknown, Outcome, Outcome, Outcome][] = [
  ['empty string', '', same, same, same],
  ['emoji and non-BMP string', 'a😀𝄞中', same, same, same],
  ['0', 0, same, same, same],
  ['negative int', -123456, same, same, same],
  ['int > 2^32', 2 ** 40 + 1, same, same, same],
  ['negative int < -2^32', -(2 ** 40) - 1, same, same, same],
  ['max safe int', Number.MAX_SAFE_INTEGER, same, same, same],
  ['float', -1.5e-7, same, same, same],
  ['NaN', NaN, same, becomes(null), same],
  ['Infinity', Infinity, same, becomes(null), same],
  ['true', true, same, same, same],
  ['null', null, same, same, same],
  ['undefined', undefined, becomes(null), refused('unsupported-type'), becomes(null)],
  ['nested', { a: [1, { b: [null, 'c'] }], d: {} }, same, same, same],
  [
    'undefined in object',
    { a: undefined, b: 1 },
    becomes({ a: null, b: 1 }),
    becomes({ b: 1 }),
    becomes({ a: null, b: 1 }),
  ],
  ['Date', date, becomes(date.toString()), becomes(date.toJSON()), same],
  ['ArrayBuffer', bytes.slice().buffer, becomes(bytes.slice().buffer), becomes({}), becomes(bytes)],
  ['Uint8Array', bytes, becomes(bytes.slice().buffer), becomes({ 0: 1, 1: 2, 2: 250 }), same],
  [
    'Int32Array',
    new Int32Array([-1]),
    becomes(new Uint8Array([255, 255, 255, 255]).buffer),
    becomes({ 0: -1 }),
    becomes(new Uint8Array([255, 255, 255, 255])),
  ],
  [
    'DataView',
    new DataView(bytes.slice().buffer),
    becomes(bytes.slice().buffer),
    becomes({}),
    becomes(bytes),
  ],
  [
    'function',
    () => 1,
    refused('unsupported-type'),
    refused('unsupported-type'),
    refused('unsupported-type'),
  ],
  [
    'bigint',
    5n,
    refused('unsupported-type'),
    refused('unsupported-type'),
    refused('unsupported-type'),
  ],
];

async function roundTrip(type: SerializationType, value: unknown): Promise<unknown> {
  const serializer = createSerializer(type);
  const frames: Frame[] = await serializer.encode(value);
  const sink = recordingSink();
  feed(serializer.createDecoder(sink), frames);
  expect(sink.errors).toEqual([]);
  expect(sink.messages).toHaveLength(1);
  return sink.messages[0];
}

const columns: [SerializationType, number][] = [
  ['binary', 2],
  ['binary-utf8', 2],
  ['json', 3],
  ['MsgPack', 4],
];

describe.each(columns)('%s round trip', { timeout: 60_000 }, (type, column) => {
  it.each(table)('%s', async (...row) => {
    const value = row[1];
    const outcome = row[column] as Outcome;
    if ('refused' in outcome) {
      await expect(async () => createSerializer(type).encode(value)).rejects.toMatchObject({
        name: 'SerializationError',
        type: outcome.refused,
      });
      return;
    }
    const out = await roundTrip(type, value);
    expect(out).toEqual('same' in outcome ? value : outcome.becomes);
  });

  it('Blobs and Files', async () => {
    const blob = new File([bytes], 'f.bin');
    const out = type === 'json' ? await roundTrip(type, blob) : await roundTrip(type, { blob });
    // JSON sees a Blob's enumerable properties: none in browsers, a few in happy-dom.
    if (type === 'json') expect(out).toEqual(JSON.parse(JSON.stringify(blob)));
    else if (type === 'MsgPack') expect(out).toEqual({ blob: bytes });
    else expect(out).toEqual({ blob: bytes.slice().buffer });
  });
});

describe('json', { timeout: 60_000 }, () => {
  it('sends one binary UTF-8 frame and refuses 16300 bytes or more, as PeerJS', () => {
    const serializer = createSerializer('json');
    const frames = serializer.encode('x'.repeat(16297)) as Frame[];
    expect(frames).toHaveLength(1);
    expect(frames[0]).toBeInstanceOf(Uint8Array);
    expect((frames[0] as Uint8Array).byteLength).toBe(16299);
    expect(() => serializer.encode('x'.repeat(16298))).toThrow(
      expect.objectContaining({ name: 'SerializationError', type: 'message-too-big' }),
    );
    expect(
      createSerializer('json', { maxJsonBytes: 1 << 20 }).encode('x'.repeat(16298)),
    ).toHaveLength(1);
  });

  it('decodes text frames too, and reports bad JSON as malformed-data', () => {
    const sink = recordingSink();
    const decoder = createSerializer('json').createDecoder(sink);
    decoder.push('{"a":1}');
    decoder.push(new TextEncoder().encode('{oops').buffer);
    decoder.push(new Blob(['{}']));
    expect(sink.messages).toEqual([{ a: 1 }]);
    expect(sink.errors.map((e) => e.type)).toEqual(['malformed-data', 'unexpected-frame']);
  });

  it('encodes the close request as PeerJS JSON', () => {
    const [frame] = createSerializer('json').encodeClose();
    expect(new TextDecoder().decode(frame as Uint8Array)).toBe('{"__peerData":{"type":"close"}}');
  });
});

describe('raw', { timeout: 60_000 }, () => {
  it('passes strings, buffers, views and Blobs through unchanged', () => {
    const serializer = createSerializer('raw');
    const blob = new Blob(['b']);
    const view = new DataView(new ArrayBuffer(2));
    for (const value of ['s', new ArrayBuffer(3), bytes, view, blob]) {
      expect(serializer.encode(value)).toEqual([value]);
      expect((serializer.encode(value) as Frame[])[0]).toBe(value);
    }
    const sink = recordingSink();
    const decoder = serializer.createDecoder(sink);
    const buffer = new ArrayBuffer(4);
    decoder.push('hi');
    decoder.push(buffer);
    expect(sink.messages).toEqual(['hi', buffer]);
    expect(serializer.encodeClose()).toEqual([]);
  });

  it('refuses anything else with unsupported-type', () => {
    for (const value of [1, null, undefined, { a: 1 }, [1]]) {
      expect(() => createSerializer('raw').encode(value)).toThrow(
        expect.objectContaining({ name: 'SerializationError', type: 'unsupported-type' }),
      );
    }
  });
});

describe('serialization names', { timeout: 60_000 }, () => {
  it('knows PeerJS wire names and common aliases', () => {
    expect(['binary', 'binary-utf8', 'json', 'raw', 'MsgPack'].every(isSerializationType)).toBe(
      true,
    );
    expect(isSerializationType('none')).toBe(false);
    expect(normalizeSerializationType('none')).toBe('raw');
    expect(normalizeSerializationType('msgpack')).toBe('MsgPack');
    expect(normalizeSerializationType('default')).toBe('binary');
    expect(normalizeSerializationType('toString')).toBeUndefined();
  });

  it('rejects invalid options with a RangeError', () => {
    expect(() => createSerializer('binary', { chunkSize: 0 })).toThrow(RangeError);
    expect(() => createSerializer('MsgPack', { chunkSize: 1.5 })).toThrow(RangeError);
  });
});
