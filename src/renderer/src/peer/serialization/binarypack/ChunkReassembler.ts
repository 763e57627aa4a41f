import { SerializationError } from '../errors';
import type { Timers } from '../types';
import type { Chunk } from './chunks';

/** Limits of a ChunkReassembler (see DecoderOptions for the defaults). */
export interface ReassemblyLimits {
  readonly maxMessageBytes: number;
  readonly maxPendingMessages: number;
  readonly maxPendingBytes: number;
  readonly chunkTimeoutMs: number;
}

interface Pending {
  readonly id: number | string;
  readonly total: number;
  /** Length of every chunk but the last; 0 until a chunk that is not the last arrives. */
  chunkSize: number;
  buffer: Uint8Array | undefined;
  /** The last chunk, when it arrived before the chunk size was known. */
  early: Uint8Array | undefined;
  lastLength: number;
  readonly received: Uint32Array;
  count: number;
  lastActivity: number;
}

/** Ids of finished or dropped messages remembered, to ignore their late or duplicate chunks. */
const REMEMBERED_IDS = 64;

/**
 * Puts PeerJS chunked messages back together, writing each chunk straight into one buffer of
 * the message's size. Robust to out-of-order and duplicate chunks; memory is bounded: a message
 * over the limits, or without a new chunk for `chunkTimeoutMs`, is dropped with an error.
 */
export class ChunkReassembler {
  readonly #pending = new Map<number | string, Pending>();
  readonly #finished = new Set<number | string>();
  #pendingBytes = 0;
  #timer: unknown = undefined;

  constructor(
    private readonly limits: ReassemblyLimits,
    private readonly timers: Timers,
    private readonly onDrop: (error: SerializationError) => void,
  ) {}

  /** Adds a chunk; returns the whole packed message when this chunk completed it. */
  add(chunk: Chunk): Uint8Array | undefined {
    const { id, total, data } = chunk;
    if (this.#finished.has(id)) return undefined;
    let p = this.#pending.get(id);
    if (p === undefined) {
      if (total === 1) {
        this.#remember(id);
        return data;
      }
      if (total > this.limits.maxMessageBytes) {
        this.#remember(id);
        this.onDrop(
          new SerializationError(
            'message-too-big',
            `binary: a message of ${String(total)} chunks is over the limit`,
          ),
        );
        return undefined;
      }
      p = this.#open(id, total);
    }
    const problem = this.#place(p, chunk);
    if (problem !== undefined) {
      this.#fail(p, 'invalid-chunk', problem);
      return undefined;
    }
    if (p.count < total || p.buffer === undefined) return undefined;
    this.#remove(p);
    this.#remember(id);
    return p.buffer.subarray(0, (total - 1) * p.chunkSize + p.lastLength);
  }

  /** Stores a chunk's bytes; returns what is wrong with it, if anything. */
  #place(p: Pending, { n, total, data }: Chunk): string | undefined {
    if (p.total !== total)
      return `chunk ${String(n)} says total ${String(total)}, not ${String(p.total)}`;
    const word = n >>> 5;
    const bit = 1 << (n & 31);
    const seen = p.received[word] ?? 0;
    if ((seen & bit) !== 0) return undefined; // a duplicate: ignored
    const last = n === total - 1;
    const length = data.byteLength;
    if (length === 0) return `chunk ${String(n)} is empty`;
    if (p.chunkSize === 0 && !last) {
      const problem = this.#allocate(p, length);
      if (problem !== undefined) return problem;
    }
    if (p.buffer === undefined) {
      p.early = data;
    } else if (last ? length > p.chunkSize : length !== p.chunkSize) {
      return `chunk ${String(n)} has ${String(length)} bytes, the others ${String(p.chunkSize)}`;
    } else {
      p.buffer.set(data, n * p.chunkSize);
    }
    if (last) p.lastLength = length;
    p.received[word] = seen | bit;
    p.count++;
    p.lastActivity = this.timers.now();
    return undefined;
  }

  /** Drops everything, silently. */
  clear(): void {
    this.#pending.clear();
    this.#pendingBytes = 0;
    if (this.#timer !== undefined) this.timers.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #open(id: number | string, total: number): Pending {
    while (this.#pending.size >= this.limits.maxPendingMessages) this.#evictOldest();
    const p: Pending = {
      id,
      total,
      chunkSize: 0,
      buffer: undefined,
      early: undefined,
      lastLength: 0,
      received: new Uint32Array(Math.ceil(total / 32)),
      count: 0,
      lastActivity: this.timers.now(),
    };
    this.#pending.set(id, p);
    this.#schedule();
    return p;
  }

  /** Learns the chunk size from a chunk that is not the last and allocates the buffer. */
  #allocate(p: Pending, chunkSize: number): string | undefined {
    const size = p.total * chunkSize;
    if (size - chunkSize >= this.limits.maxMessageBytes || size > this.limits.maxPendingBytes) {
      return `about ${String(size)} bytes is over the limit`;
    }
    const early = p.early;
    if (early !== undefined && early.byteLength > chunkSize)
      return 'the last chunk is longer than the others';
    while (this.#pendingBytes + size > this.limits.maxPendingBytes) this.#evictOldest(p);
    p.chunkSize = chunkSize;
    p.buffer = new Uint8Array(size);
    this.#pendingBytes += size;
    p.early = undefined;
    if (early !== undefined) p.buffer.set(early, (p.total - 1) * chunkSize);
    return undefined;
  }

  #evictOldest(keep?: Pending): void {
    for (const p of this.#pending.values()) {
      if (p === keep) continue;
      this.#fail(p, 'chunk-evicted', 'dropped to stay within the pending chunk limits');
      return;
    }
  }

  #fail(
    p: Pending,
    type: 'invalid-chunk' | 'message-too-big' | 'chunk-evicted' | 'chunk-timeout',
    why: string,
  ): undefined {
    this.#remove(p);
    this.#remember(p.id);
    this.onDrop(
      new SerializationError(type, `binary: dropped chunked message ${String(p.id)}: ${why}`),
    );
  }

  #remove(p: Pending): void {
    if (this.#pending.get(p.id) !== p) return;
    this.#pending.delete(p.id);
    this.#pendingBytes -= p.buffer?.byteLength ?? 0;
    if (this.#pending.size === 0 && this.#timer !== undefined) {
      this.timers.clearTimeout(this.#timer);
      this.#timer = undefined;
    }
  }

  #remember(id: number | string): void {
    this.#finished.add(id);
    if (this.#finished.size > REMEMBERED_IDS) {
      const oldest = this.#finished.values().next();
      if (oldest.done !== true) this.#finished.delete(oldest.value);
    }
  }

  #schedule(delay = this.limits.chunkTimeoutMs): void {
    if (this.#timer !== undefined) return;
    this.#timer = this.timers.setTimeout(() => {
      this.#timer = undefined;
      this.#expire();
    }, delay);
  }

  #expire(): void {
    const now = this.timers.now();
    let next = Infinity;
    for (const p of [...this.#pending.values()]) {
      const idle = now - p.lastActivity;
      if (idle >= this.limits.chunkTimeoutMs) {
        this.#fail(
          p,
          'chunk-timeout',
          `no chunk for ${String(Math.round(idle))} ms (${String(p.count)}/${String(p.total)} received)`,
        );
      } else {
        next = Math.min(next, this.limits.chunkTimeoutMs - idle);
      }
    }
    if (next !== Infinity && this.#pending.size > 0) this.#schedule(Math.max(1, Math.ceil(next)));
  }
}
