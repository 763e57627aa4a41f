import { describe, expect, it } from 'vitest';
import { util as peerjsUtil } from 'peerjs';
import { pack as theirPack, unpack as theirUnpack } from 'peerjs-js-binarypack';
import { BinarySerializer } from './BinarySerializer';
import {
  PeerJsBinaryReceiver,
  asReceived,
  feed,
  pseudoRandomBytes,
  recordingSink,
  sameBytes,
} from '../testing/peerjsFixtures';
import type { Frame } from '../types';

const MiB = 1024 * 1024;

/** The frames PeerJS's BinaryPack connection sends for a value (real pack + real chunker). */
async function peerjsFrames(value: unknown, chunkId: number): Promise<ArrayBuffer[]> {
  const packed = (await theirPack(value as never)) as ArrayBuffer;
  if (packed.byteLength <= peerjsUtil.chunkedMTU) return [packed];
  (peerjsUtil as unknown as { _dataCount: number })._dataCount = chunkId;
  return peerjsUtil.chunk(packed).map((chunk) => theirPack(chunk as never) as ArrayBuffer);
}

const bytesOf = (frame: Frame): Uint8Array => new Uint8Array(asReceived(frame) as ArrayBuffer);

async function encode(serializer: BinarySerializer, value: unknown): Promise<Frame[]> {
  return await serializer.encode(value);
}

describe(
  'BinarySerializer on the wire (PeerJS 1.5.5 BinaryPack connection)',
  { timeout: 60_000 },
  () => {
    it('sends a small message as one frame, the BinaryPack bytes', async () => {
      const value = { hello: 'world', n: [1, 2, 3] };
      const frames = await encode(new BinarySerializer('binary'), value);
      expect(frames).toHaveLength(1);
      expect(bytesOf(frames[0]!)).toEqual(new Uint8Array((await peerjsFrames(value, 1))[0]!));
    });

    it('chunks exactly at PeerJS chunkedMTU (16300 packed bytes is one frame, 16301 two)', async () => {
      const serializer = new BinarySerializer('binary');
      expect(await encode(serializer, new ArrayBuffer(16300 - 3))).toHaveLength(1);
      expect(await encode(serializer, new ArrayBuffer(16300 - 2))).toHaveLength(2);
    });

    it.each([
      ['1 MiB', MiB],
      ['16 MiB', 16 * MiB],
    ])(
      'chunk frames of a %s ArrayBuffer equal PeerJS chunker frames byte for byte',
      async (_n, size) => {
        const payload = pseudoRandomBytes(size, size);
        const serializer = new BinarySerializer('binary');
        await encode(serializer, 'first chunked message gets id 1');
        await encode(serializer, new ArrayBuffer(20000)); // id 1
        const ours = await encode(serializer, payload.buffer); // id 2
        const theirs = await peerjsFrames(payload.buffer, 2);
        expect(ours.length).toBe(theirs.length);
        expect(ours.length).toBe(Math.ceil((size + 5) / 16300));
        for (let i = 0; i < ours.length; i++) {
          const a = bytesOf(ours[i]!);
          const b = new Uint8Array(theirs[i]!);
          if (a.byteLength !== b.byteLength || !a.every((x, j) => x === b[j])) {
            throw new Error(`frame ${String(i)} differs`);
          }
        }
      },
    );

    it.each([
      ['1 MiB', MiB],
      ['16 MiB', 16 * MiB],
    ])('PeerJS reassembles our chunked %s message, and we reassemble theirs', async (_n, size) => {
      const payload = pseudoRandomBytes(size, 3);
      const value = { name: 'file.bin', data: payload.buffer, size };

      const receiver = new PeerJsBinaryReceiver();
      for (const frame of await encode(new BinarySerializer('binary'), value)) {
        receiver.handleDataMessage(asReceived(frame) as ArrayBuffer);
      }
      expect(receiver.received).toHaveLength(1);
      const theirs = receiver.received[0] as typeof value;
      expect(theirs.name).toBe('file.bin');
      expect(sameBytes(theirs.data, payload)).toBe(true);

      const sink = recordingSink();
      const decoder = new BinarySerializer('binary').createDecoder(sink);
      for (const frame of await peerjsFrames(value, 7)) decoder.push(frame);
      expect(sink.errors).toEqual([]);
      expect(sink.messages).toHaveLength(1);
      const ours = sink.messages[0] as typeof value;
      expect(ours.data).toBeInstanceOf(ArrayBuffer);
      expect(sameBytes(ours.data, payload)).toBe(true);
      expect(ours.size).toBe(size);
    });

    it('numbers chunked messages 1, 2, 3… per connection, as PeerJS _dataCount', async () => {
      const serializer = new BinarySerializer('binary-utf8');
      const ids: unknown[] = [];
      for (let i = 0; i < 3; i++) {
        const frames = await encode(serializer, new ArrayBuffer(40000));
        const first = theirUnpack<{ __peerData: number }>(asReceived(frames[0]!) as ArrayBuffer);
        ids.push(first.__peerData);
      }
      expect(ids).toEqual([1, 2, 3]);
    });

    it('packs Blobs and Files asynchronously as bytes, arriving as ArrayBuffers', async () => {
      const blob = new Blob([pseudoRandomBytes(30000, 9)]);
      const file = new File(['hello'], 'a.txt');
      const value = { blob, files: [file] };
      const serializer = new BinarySerializer('binary');
      const pending = serializer.encode(value);
      expect(pending).toBeInstanceOf(Promise);
      const frames = await pending;
      const theirs = await peerjsFrames(value, 1);
      expect(frames.map(bytesOf)).toEqual(theirs.map((b) => new Uint8Array(b)));
      const receiver = new PeerJsBinaryReceiver();
      for (const frame of frames) receiver.handleDataMessage(asReceived(frame) as ArrayBuffer);
      const got = receiver.received[0] as { blob: ArrayBuffer; files: ArrayBuffer[] };
      expect(new Uint8Array(got.blob)).toEqual(new Uint8Array(await blob.arrayBuffer()));
      expect(new TextDecoder().decode(got.files[0])).toBe('hello');
    });

    it('snapshots bytes sent beside a Blob, as they were at encode time', async () => {
      const bytes = pseudoRandomBytes(4096, 2);
      const expected = bytes.slice();
      const pending = new BinarySerializer('binary').encode([bytes, new Blob(['z'])]);
      bytes.fill(0);
      const receiver = new PeerJsBinaryReceiver();
      for (const frame of await pending)
        receiver.handleDataMessage(asReceived(frame) as ArrayBuffer);
      const [got] = receiver.received[0] as ArrayBuffer[];
      expect(sameBytes(got!, expected)).toBe(true);
    });

    it('encodes the close request as PeerJS does, and decodes it as a message', async () => {
      const serializer = new BinarySerializer('binary');
      const frames = serializer.encodeClose();
      const receiver = new PeerJsBinaryReceiver();
      receiver.handleDataMessage(asReceived(frames[0]!) as ArrayBuffer);
      expect(receiver.closed).toBe(true);
      const sink = recordingSink();
      const decoder = serializer.createDecoder(sink);
      for (const frame of await peerjsFrames({ __peerData: { type: 'close' } }, 1))
        decoder.push(frame);
      expect(sink.messages).toEqual([{ __peerData: { type: 'close' } }]);
    });

    it('sends with a larger chunk size when asked; PeerJS still reassembles', async () => {
      const payload = pseudoRandomBytes(200_000, 5);
      const frames = await encode(new BinarySerializer('binary', { chunkSize: 65536 }), payload);
      expect(frames).toHaveLength(4);
      const receiver = new PeerJsBinaryReceiver();
      for (const frame of frames) receiver.handleDataMessage(asReceived(frame) as ArrayBuffer);
      expect(sameBytes(receiver.received[0] as ArrayBuffer, payload)).toBe(true);
    });

    it('refuses what BinaryPack cannot carry with a typed error', () => {
      const serializer = new BinarySerializer('binary');
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      for (const value of [() => 1, Symbol('s'), 10n, new Map(), cyclic]) {
        expect(() => serializer.encode(value)).toThrow(
          expect.objectContaining({ name: 'SerializationError', type: 'unsupported-type' }),
        );
      }
    });

    it('a decoder fed through our own frames round-trips a 16 MiB message', async () => {
      const payload = pseudoRandomBytes(16 * MiB, 11);
      const serializer = new BinarySerializer('binary');
      const sink = recordingSink();
      feed(serializer.createDecoder(sink), await encode(serializer, payload));
      expect(sameBytes(sink.messages[0] as ArrayBuffer, payload)).toBe(true);
    });
  },
);
