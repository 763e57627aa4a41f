import { describe, expect, it } from 'vitest';
import { pack as theirPack } from 'peerjs-js-binarypack';
import { BinarySerializer } from './BinarySerializer';
import {
  ManualTimers,
  asReceived,
  pseudoRandomBytes,
  recordingSink,
  sameBytes,
} from '../testing/peerjsFixtures';
import type { DecoderOptions } from '../types';

async function chunked(size: number, seed = 1, serializer = new BinarySerializer('binary')) {
  const payload = pseudoRandomBytes(size, seed);
  const frames = (await serializer.encode(payload)).map(asReceived) as ArrayBuffer[];
  return { payload, frames };
}

function decoder(options: DecoderOptions = {}) {
  const clock = new ManualTimers();
  const sink = recordingSink();
  const d = new BinarySerializer('binary').createDecoder(sink, {
    timers: clock.timers,
    ...options,
  });
  return { clock, sink, d };
}

/** A chunk frame built by hand, as any BinaryPack peer could send it. */
const chunk = (id: unknown, n: unknown, total: unknown, data: unknown): ArrayBuffer =>
  theirPack({ __peerData: id, n, data, total } as never) as ArrayBuffer;

describe('chunk reassembly', { timeout: 60_000 }, () => {
  it('reassembles chunks received out of order (reversed and shuffled)', async () => {
    const { payload, frames } = await chunked(200_000);
    for (const order of [[...frames].reverse(), [...frames].sort(() => Math.random() - 0.5)]) {
      const { sink, d } = decoder();
      for (const f of order) d.push(f);
      expect(sink.errors).toEqual([]);
      expect(sink.messages).toHaveLength(1);
      expect(sameBytes(sink.messages[0] as ArrayBuffer, payload)).toBe(true);
    }
  });

  it('ignores duplicate chunks, also after the message completed', async () => {
    const { payload, frames } = await chunked(100_000);
    const { sink, d } = decoder();
    for (const f of frames) {
      d.push(f);
      d.push(f);
    }
    d.push(frames[0]!);
    expect(sink.errors).toEqual([]);
    expect(sink.messages).toHaveLength(1);
    expect(sameBytes(sink.messages[0] as ArrayBuffer, payload)).toBe(true);
  });

  it('reassembles interleaved messages', async () => {
    const serializer = new BinarySerializer('binary');
    const a = await chunked(50_000, 1, serializer);
    const b = await chunked(70_000, 2, serializer);
    const { sink, d } = decoder();
    for (let i = 0; i < Math.max(a.frames.length, b.frames.length); i++) {
      if (b.frames[i]) d.push(b.frames[i]!);
      if (a.frames[i]) d.push(a.frames[i]!);
    }
    expect(sink.messages).toHaveLength(2);
    expect(sameBytes(sink.messages[0] as ArrayBuffer, a.payload)).toBe(true);
    expect(sameBytes(sink.messages[1] as ArrayBuffer, b.payload)).toBe(true);
  });

  it('drops a message with a missing chunk after chunkTimeoutMs, with a chunk-timeout error', async () => {
    const { frames } = await chunked(100_000);
    const { clock, sink, d } = decoder({ chunkTimeoutMs: 1000 });
    for (const f of frames.slice(0, -2)) d.push(f);
    clock.advance(600);
    d.push(frames[frames.length - 1]!); // progress resets the idle time
    clock.advance(600);
    expect(sink.errors).toEqual([]);
    clock.advance(500);
    expect(sink.errors.map((e) => e.type)).toEqual(['chunk-timeout']);
    expect(clock.pending).toBe(0);
    d.push(frames[frames.length - 2]!); // too late: ignored
    expect(sink.messages).toEqual([]);
    expect(sink.errors).toHaveLength(1);
  });

  it('evicts the oldest incomplete message beyond maxPendingMessages', async () => {
    const serializer = new BinarySerializer('binary');
    const messages = [await chunked(40_000, 1, serializer), await chunked(40_000, 2, serializer)];
    const { sink, d } = decoder({ maxPendingMessages: 1 });
    d.push(messages[0]!.frames[0]!);
    for (const f of messages[1]!.frames) d.push(f);
    expect(sink.errors.map((e) => e.type)).toEqual(['chunk-evicted']);
    expect(sink.messages).toHaveLength(1);
  });

  it('refuses a message over maxMessageBytes before allocating it', async () => {
    const { frames } = await chunked(100_000);
    const { sink, d } = decoder({ maxMessageBytes: 50_000 });
    for (const f of frames) d.push(f);
    expect(sink.errors.map((e) => e.type)).toEqual(['message-too-big']);

    expect(sink.messages).toEqual([]);
    const huge = decoder();
    huge.d.push(chunk(1, 0, 2 ** 40, new ArrayBuffer(10)));
    expect(huge.sink.errors.map((e) => e.type)).toEqual(['message-too-big']);
  });

  it.each([
    ['an index past total', chunk(1, 5, 3, new ArrayBuffer(4))],
    ['a negative index', chunk(1, -1, 3, new ArrayBuffer(4))],
    ['a fractional total', chunk(1, 0, 2.5, new ArrayBuffer(4))],
    ['data that is not binary', chunk(1, 0, 2, 'text')],
    ['an object id', chunk({ a: 1 }, 0, 2, new ArrayBuffer(4))],
  ])('reports a chunk with %s as invalid-chunk', (_what, frame) => {
    const { sink, d } = decoder();
    d.push(frame);
    expect(sink.errors.map((e) => e.type)).toEqual(['invalid-chunk']);
    expect(sink.errors[0]).toMatchObject({ name: 'SerializationError' });
  });

  it('drops a message whose chunks disagree on total or size', () => {
    const a = decoder();
    a.d.push(chunk(1, 0, 3, new ArrayBuffer(10)));
    a.d.push(chunk(1, 1, 4, new ArrayBuffer(10)));
    expect(a.sink.errors.map((e) => e.type)).toEqual(['invalid-chunk']);
    const b = decoder();
    b.d.push(chunk(1, 0, 3, new ArrayBuffer(10)));
    b.d.push(chunk(1, 1, 3, new ArrayBuffer(9)));
    b.d.push(chunk(1, 2, 3, new ArrayBuffer(1)));
    expect(b.sink.errors.map((e) => e.type)).toEqual(['invalid-chunk']);
    expect(b.sink.messages).toEqual([]);
  });

  it('accepts a single-chunk message and a last chunk that arrives first', () => {
    const { sink, d } = decoder();
    d.push(chunk(1, 0, 1, theirPack('one')));
    const packed = new Uint8Array(theirPack('x'.repeat(25)) as ArrayBuffer);
    d.push(chunk(2, 2, 3, packed.slice(20).buffer));
    d.push(chunk(2, 0, 3, packed.slice(0, 10).buffer));
    d.push(chunk(2, 1, 3, packed.slice(10, 20).buffer));
    expect(sink.errors).toEqual([]);
    expect(sink.messages).toEqual(['one', 'x'.repeat(25)]);
  });

  it('delivers a binary message straight from its reassembly buffer, last chunk first too', () => {
    const payload = Uint8Array.from({ length: 25 }, (_, i) => i * 3);
    const packed = new Uint8Array(theirPack(payload.slice().buffer) as ArrayBuffer);
    expect(packed.byteLength).toBe(28);
    const { sink, d } = decoder();
    d.push(chunk(4, 2, 3, packed.slice(20).buffer));
    d.push(chunk(4, 0, 3, packed.slice(0, 10).buffer));
    d.push(chunk(4, 1, 3, packed.slice(10, 20).buffer));
    expect(sink.errors).toEqual([]);
    expect(sink.messages).toEqual([payload.buffer]);
    const bad = decoder();
    bad.d.push(chunk(5, 0, 3, packed.slice(0, 10).buffer));
    bad.d.push(chunk(5, 1, 3, packed.slice(10, 20).buffer));
    bad.d.push(chunk(5, 2, 3, packed.slice(20, 27).buffer));
    expect(bad.sink.errors.map((e) => e.type)).toEqual(['invalid-chunk']);
  });

  it('dispose drops partial messages and their timer', async () => {
    const { frames } = await chunked(100_000);
    const { clock, sink, d } = decoder();
    d.push(frames[0]!);
    expect(clock.pending).toBe(1);
    d.dispose();
    expect(clock.pending).toBe(0);
    d.push(frames[1]!);
    clock.advance(60_000);
    expect(sink.errors).toEqual([]);
  });
});

describe('bad frames', { timeout: 60_000 }, () => {
  it('reports text and Blob frames as unexpected-frame', () => {
    const { sink, d } = decoder();
    d.push('text');
    d.push(new Blob(['x']));
    expect(sink.errors.map((e) => e.type)).toEqual(['unexpected-frame', 'unexpected-frame']);
  });

  it('reports every truncation of a valid frame as malformed-data, never throwing', () => {
    const value = {
      a: [1, 'two', 3.5, null, true],
      b: new Uint8Array(40),
      c: { d: 'é😀' },
      e: -70000,
    };
    const full = new Uint8Array(theirPack(value) as ArrayBuffer);
    for (let cut = 0; cut < full.byteLength; cut++) {
      const { sink, d } = decoder();
      d.push(full.slice(0, cut).buffer);
      expect(sink.messages).toEqual([]);
      expect(sink.errors.map((e) => e.type)).toEqual(['malformed-data']);
    }
  });

  it('survives random bytes: each frame gives a message or a typed error', () => {
    const { sink, d } = decoder();
    for (let i = 0; i < 3000; i++) {
      const frame = pseudoRandomBytes(1 + (i % 200), i + 1);
      frame[0] = i & 0xff;
      expect(() => {
        d.push(frame.buffer);
      }).not.toThrow();
    }
    expect(sink.messages.length + sink.errors.length).toBe(3000);
    for (const e of sink.errors) expect(e.name).toBe('SerializationError');
  });

  it('decodes deeply nested input without recursion limits', () => {
    const depth = 100_000;
    const bytes = new Uint8Array(depth + 1).fill(0x91);
    bytes[depth] = 0x01;
    const { sink, d } = decoder();
    d.push(bytes.buffer);
    expect(sink.errors).toEqual([]);
    let v = sink.messages[0];
    for (let i = 0; i < depth; i++) v = (v as unknown[])[0];
    expect(v).toBe(1);
  });
});
