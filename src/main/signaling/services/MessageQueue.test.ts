import { afterEach, describe, expect, it } from 'vitest';
import { MessageQueue } from './MessageQueue';

let now = 0;
const expired: [string, string][] = [];
let queue: MessageQueue | undefined;

function make(options: { maxPerPeer?: number; maxBytes?: number } = {}): MessageQueue {
  now = 1_000;
  expired.length = 0;
  queue = new MessageQueue({
    expireTimeout: 5_000,
    maxPerPeer: options.maxPerPeer ?? 10,
    maxBytes: options.maxBytes ?? 1_000_000,
    onExpire: (src, dst) => expired.push([src, dst]),
    now: () => now,
    sweepInterval: 60_000,
  });
  return queue;
}

afterEach(() => {
  queue?.clear();
});

describe('MessageQueue', () => {
  it('hands queued frames to their destination in order, once', () => {
    const q = make();
    expect(q.enqueue('a', 'b', Buffer.from('one'))).toBe('queued');
    expect(q.enqueue('c', 'b', Buffer.from('two'))).toBe('queued');
    expect(q.enqueue('a', 'x', Buffer.from('other'))).toBe('queued');
    expect(q.size).toBe(3);
    expect(q.take('b').map(String)).toEqual(['one', 'two']);
    expect(q.take('b')).toEqual([]);
    expect(q.size).toBe(1);
    expect(q.bytes).toBe(5);
  });

  it('expires each message expireTimeout after it was queued, one report per pair', () => {
    const q = make();
    q.enqueue('a', 'b', Buffer.from('1'));
    q.enqueue('a', 'b', Buffer.from('2'));
    q.enqueue('c', 'b', Buffer.from('3'));
    now += 3_000;
    q.enqueue('a', 'b', Buffer.from('late'));
    now += 2_000; // the first three are due, 'late' is not
    q.sweep();
    expect(expired).toEqual([
      ['a', 'b'],
      ['c', 'b'],
    ]);
    expect(q.take('b').map(String)).toEqual(['late']);
    expect(q.size).toBe(0);
    expect(q.bytes).toBe(0);
  });

  it('refuses over the per-destination limit', () => {
    const q = make({ maxPerPeer: 2 });
    expect(q.enqueue('a', 'b', Buffer.from('1'))).toBe('queued');
    expect(q.enqueue('a', 'b', Buffer.from('2'))).toBe('queued');
    expect(q.enqueue('a', 'b', Buffer.from('3'))).toBe('max_queue_per_peer');
    expect(q.enqueue('a', 'c', Buffer.from('3'))).toBe('queued');
  });

  it('refuses over the global byte limit (counting bytes) and frees bytes on take', () => {
    const q = make({ maxBytes: 10 });
    expect(q.enqueue('a', 'b', Buffer.from('ééééé'))).toBe('queued'); // 10 bytes
    expect(q.enqueue('a', 'c', Buffer.from('x'))).toBe('max_queue_bytes');
    q.take('b');
    expect(q.enqueue('a', 'c', Buffer.from('x'))).toBe('queued');
  });

  it('maxPerPeer 0 never queues', () => {
    expect(make({ maxPerPeer: 0 }).enqueue('a', 'b', Buffer.from('1'))).toBe('max_queue_per_peer');
  });

  it('sweeps on its own timer while something is queued', async () => {
    const reports: string[] = [];
    queue = new MessageQueue({
      expireTimeout: 30,
      maxPerPeer: 10,
      maxBytes: 1_000,
      onExpire: (src, dst) => reports.push(`${src}>${dst}`),
    });
    queue.enqueue('a', 'b', Buffer.from('x'));
    await expect.poll(() => reports).toEqual(['a>b']);
    expect(queue.size).toBe(0);
  });
});
