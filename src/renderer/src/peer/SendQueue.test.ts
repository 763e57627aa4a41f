/**
 * SendQueue with lazily built frames, on a fake RTCDataChannel whose "network" drains its
 * buffer on timers: the bounds are checked on the queue's and the channel's byte counts at
 * every frame, not on timing.
 */
import { describe, expect, it } from 'vitest';
import { HIGH_WATER_MARK, LOW_WATER_MARK } from './DataConnection';
import { SendQueue, type SendChannel } from './SendQueue';
import { createSerializer } from './serialization';
import {
  pseudoRandomBytes,
  recordingSink,
  sameBytes,
} from './serialization/testing/peerjsFixtures';
import type { Frame, OutgoingMessage } from './serialization/types';

const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * A data channel that copies each frame on send (as browsers do), keeps it in `bufferedAmount`
 * until `drain` takes it off, and fires `bufferedamountlow` when crossing the threshold.
 */
class FakeChannel extends EventTarget implements SendChannel {
  readyState: RTCDataChannelState = 'open';
  bufferedAmount = 0;
  bufferedAmountLowThreshold = 0;
  /** Largest bufferedAmount seen right after a send. */
  maxBuffered = 0;
  sentBytes = 0;
  frames = 0;
  /** Copies of what was sent, when kept. */
  readonly kept: ArrayBuffer[] = [];
  onSend: (() => void) | undefined;

  constructor(private readonly keep: boolean) {
    super();
  }

  send(data: string | Blob | ArrayBuffer | ArrayBufferView): void {
    let size: number;
    if (typeof data === 'string' || data instanceof Blob) throw new Error('binary frames only');
    if (data instanceof ArrayBuffer) {
      size = data.byteLength;
      if (this.keep) this.kept.push(data.slice(0));
    } else {
      size = data.byteLength;
      if (this.keep) {
        this.kept.push(
          new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice().buffer,
        );
      }
    }
    this.bufferedAmount += size;
    this.sentBytes += size;
    this.frames += 1;
    this.maxBuffered = Math.max(this.maxBuffered, this.bufferedAmount);
    this.onSend?.();
  }

  /** The network takes up to `bytes` off the buffer. */
  drain(bytes: number): void {
    const before = this.bufferedAmount;
    this.bufferedAmount = Math.max(0, before - bytes);
    if (before > this.bufferedAmountLowThreshold) {
      if (this.bufferedAmount <= this.bufferedAmountLowThreshold) {
        this.dispatchEvent(new Event('bufferedamountlow'));
      }
    }
  }
}

/** Drains `channel` by `step` bytes every macrotask until stopped. */
function network(channel: FakeChannel, step: number): { stop(): void } {
  let running = true;
  const tick = (): void => {
    if (!running) return;
    channel.drain(step);
    setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
  return {
    stop: () => {
      running = false;
    },
  };
}

function queueOn(channel: FakeChannel): SendQueue {
  return new SendQueue(
    channel,
    { highWaterMark: HIGH_WATER_MARK, lowWaterMark: LOW_WATER_MARK },
    (error) => {
      throw error;
    },
    () => undefined,
  );
}

/** An OutgoingMessage that counts how often it was detached. */
function counting(message: OutgoingMessage): OutgoingMessage & { detached: number } {
  const counted = {
    detached: 0,
    byteLength: message.byteLength,
    maxFrameBytes: message.maxFrameBytes,
    get finished() {
      return message.finished;
    },
    nextFrame: (): Frame | undefined => message.nextFrame(),
    detach: () => {
      counted.detached += 1;
      message.detach();
    },
  };
  return counted;
}

describe('SendQueue: byte-based backpressure with lazily built frames', () => {
  it('sending 1 GiB as 64 KiB binary messages (await send) never queues more than one message', async () => {
    const channel = new FakeChannel(false);
    const queue = queueOn(channel);
    const serializer = createSerializer('binary');
    const payload = pseudoRandomBytes(64 * KiB, 3);
    const total = 1024 * MiB;
    let maxQueued = 0;
    channel.onSend = () => {
      maxQueued = Math.max(maxQueued, queue.queuedBytes);
    };
    let messageBytes = 0;
    let totalBytes = 0;
    let detached = 0;
    const net = network(channel, 512 * KiB);
    try {
      for (let sent = 0; sent < total; sent += payload.byteLength) {
        const message = counting(serializer.encodeMessage(payload) as OutgoingMessage);
        messageBytes = Math.max(messageBytes, message.byteLength);
        totalBytes += message.byteLength;
        await queue.push(message);
        detached += message.detached;
        maxQueued = Math.max(maxQueued, queue.queuedBytes);
      }
    } finally {
      net.stop();
    }
    // Each message is 64 KiB plus 5 chunk headers.
    expect(messageBytes).toBeGreaterThan(64 * KiB);
    expect(messageBytes).toBeLessThan(65 * KiB);
    expect(channel.sentBytes).toBe(totalBytes);
    // The queue held at most the one message being sent, the channel its high-water mark plus
    // one frame: a few MiB in all, whatever the amount sent.
    expect(maxQueued).toBeLessThanOrEqual(messageBytes);
    expect(channel.maxBuffered).toBeLessThanOrEqual(HIGH_WATER_MARK + 16_400);
    expect(queue.queuedBytes).toBe(0);
    expect(queue.idle).toBe(true);
    // Only messages that met a full channel were copied; most went out with no copy at all.
    expect(detached).toBeGreaterThan(0);
    expect(detached).toBeLessThan(total / payload.byteLength / 10);
  }, 60_000);

  it('delivers the bytes that were sent, even when the caller reuses its buffer at once', async () => {
    const channel = new FakeChannel(true);
    const queue = queueOn(channel);
    const serializer = createSerializer('binary');
    const buffer = new Uint8Array(100 * KiB);
    const expected: Uint8Array[] = [];
    const net = network(channel, 200 * KiB);
    const pending: Promise<void>[] = [];
    try {
      // Not awaited: most messages wait in the queue; the caller overwrites its buffer.
      for (let i = 0; i < 200; i++) {
        const size = 1 + ((i * 7919) % buffer.byteLength);
        buffer.set(pseudoRandomBytes(size, i + 1));
        expected.push(buffer.slice(0, size));
        pending.push(
          queue.push(serializer.encodeMessage(buffer.subarray(0, size)) as OutgoingMessage),
        );
        buffer.fill(0xee);
      }
      expect(queue.queuedBytes).toBeGreaterThan(MiB);
      await Promise.all(pending);
    } finally {
      net.stop();
    }
    const sink = recordingSink();
    const decoder = serializer.createDecoder(sink);
    for (const frame of channel.kept) decoder.push(frame);
    expect(sink.errors).toEqual([]);
    expect(sink.messages).toHaveLength(expected.length);
    sink.messages.forEach((got, i) => {
      expect(sameBytes(got as ArrayBuffer, expected[i]!)).toBe(true);
    });
  });

  it('MsgPack frames of a 16 MiB message come out intact while the queue waits on the channel', async () => {
    const channel = new FakeChannel(true);
    const queue = queueOn(channel);
    const serializer = createSerializer('MsgPack');
    const payload = pseudoRandomBytes(16 * MiB, 5);
    let maxQueued = 0;
    channel.onSend = () => {
      maxQueued = Math.max(maxQueued, queue.queuedBytes);
    };
    const net = network(channel, 1 * MiB);
    try {
      const sent = queue.push(serializer.encodeMessage({ payload }) as OutgoingMessage);
      payload.fill(0); // The part that had to wait was copied.
      await sent;
    } finally {
      net.stop();
    }
    expect(maxQueued).toBeLessThanOrEqual(16 * MiB + 64);
    const sink = recordingSink();
    const decoder = serializer.createDecoder(sink);
    for (const frame of channel.kept) decoder.push(frame);
    expect(sink.errors).toEqual([]);
    const got = (sink.messages[0] as { payload: Uint8Array }).payload;
    expect(sameBytes(got, pseudoRandomBytes(16 * MiB, 5))).toBe(true);
  });

  it('stop() resolves what waits and forgets its bytes', async () => {
    const channel = new FakeChannel(false);
    const queue = queueOn(channel);
    const serializer = createSerializer('raw');
    const pending = [0, 1, 2, 3, 4, 5].map(() =>
      queue.push(serializer.encodeMessage(new ArrayBuffer(MiB)) as OutgoingMessage),
    );
    expect(channel.sentBytes).toBe(4 * MiB);
    expect(queue.queuedBytes).toBe(2 * MiB);
    queue.stop();
    expect(queue.queuedBytes).toBe(0);
    await Promise.all(pending);
    channel.drain(4 * MiB);
    expect(channel.sentBytes).toBe(4 * MiB);
  });
});
