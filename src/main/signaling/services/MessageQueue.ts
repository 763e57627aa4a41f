/** A relayed frame waiting for its destination to connect. */
interface QueuedMessage {
  readonly src: string;
  readonly data: Buffer;
  readonly bytes: number;
  readonly expiresAt: number;
}

export interface MessageQueueOptions {
  /** How long a message waits before it expires (ms). */
  expireTimeout: number;
  /** Most messages queued for one destination. */
  maxPerPeer: number;
  /** Most bytes queued for all destinations together. */
  maxBytes: number;
  /** Called once per (sender, destination) pair whose messages expired in one sweep. */
  onExpire: (src: string, dst: string) => void;
  now?: () => number;
  /** Sweep period while something is queued. Default: expireTimeout / 4, within 10..1000 ms. */
  sweepInterval?: number;
}

/** Result of `enqueue`: queued, or which limit refused it. */
export type EnqueueResult = 'queued' | 'max_queue_per_peer' | 'max_queue_bytes';

/**
 * Messages for peers that are not connected (yet), with per-destination and global limits, and
 * expiry (the MessageExpirer of peerjs-server). One timer, running only while something is
 * queued. Unlike `peer`, each message expires `expireTimeout` after it was queued.
 */
export class MessageQueue {
  private readonly queues = new Map<string, QueuedMessage[]>();
  private totalBytes = 0;
  private totalCount = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;
  private readonly interval: number;

  constructor(private readonly options: MessageQueueOptions) {
    this.now = options.now ?? Date.now;
    this.interval =
      options.sweepInterval ?? Math.min(1000, Math.max(10, Math.floor(options.expireTimeout / 4)));
  }

  /** Messages queued for all destinations. */
  get size(): number {
    return this.totalCount;
  }

  /** Bytes queued for all destinations. */
  get bytes(): number {
    return this.totalBytes;
  }

  enqueue(src: string, dst: string, data: Buffer): EnqueueResult {
    const queue = this.queues.get(dst);
    if ((queue?.length ?? 0) >= this.options.maxPerPeer) return 'max_queue_per_peer';
    const bytes = data.length;
    if (this.totalBytes + bytes > this.options.maxBytes) return 'max_queue_bytes';
    const entry = { src, data, bytes, expiresAt: this.now() + this.options.expireTimeout };
    if (queue) queue.push(entry);
    else this.queues.set(dst, [entry]);
    this.totalBytes += bytes;
    this.totalCount += 1;
    this.arm();
    return 'queued';
  }

  /** Removes and returns the frames waiting for `dst`, oldest first. */
  take(dst: string): Buffer[] {
    const queue = this.queues.get(dst);
    if (!queue) return [];
    this.queues.delete(dst);
    this.forget(queue, queue.length);
    return queue.map((m) => m.data);
  }

  /** Drops expired messages and reports each (sender, destination) pair once. */
  sweep(now = this.now()): void {
    const expired: [src: string, dst: string][] = [];
    for (const [dst, queue] of this.queues) {
      let n = 0;
      while (n < queue.length && (queue[n]?.expiresAt ?? Infinity) <= now) n += 1;
      if (n === 0) continue;
      const senders = new Set<string>();
      for (let i = 0; i < n; i += 1) senders.add((queue[i] as QueuedMessage).src);
      for (const src of senders) expired.push([src, dst]);
      this.forget(queue, n);
      if (n === queue.length) this.queues.delete(dst);
      else queue.splice(0, n);
    }
    if (this.totalCount === 0) this.disarm();
    for (const [src, dst] of expired) this.options.onExpire(src, dst);
  }

  /** Drops everything and stops the timer. */
  clear(): void {
    this.queues.clear();
    this.totalBytes = 0;
    this.totalCount = 0;
    this.disarm();
  }

  private forget(queue: readonly QueuedMessage[], n: number): void {
    for (let i = 0; i < n; i += 1) this.totalBytes -= (queue[i] as QueuedMessage).bytes;
    this.totalCount -= n;
    if (this.totalCount === 0) this.disarm();
  }

  private arm(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.sweep();
    }, this.interval);
    this.timer.unref();
  }

  private disarm(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
