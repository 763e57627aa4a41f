import { SerializationError } from '../errors';
import type { Timers } from '../types';
import { readRawHeader, type Chunk, type RawHeader } from './chunks';

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
  /**
   * Bytes of the packed message not stored: the header of a message that is one raw item, whose
   * payload then fills `buffer` exactly and is delivered without another copy. 0 otherwise.
   */
  skip: number;
  /** One bit per chunk index, allocated with the buffer. */
  received: Uint32Array | undefined;
  count: number;
  lastActivity: number;
}

type DropType = 'invalid-chunk' | 'message-too-big' | 'chunk-evicted' | 'chunk-timeout';
/** Why a chunk made its message be dropped. */
type Problem = readonly [DropType, string];
const invalid = (why: string): Problem => ['invalid-chunk', why];

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

  /**
   * Adds a chunk. Returns, when this chunk completed its message, the packed message (a
   * Uint8Array to unpack) or, for a message that is a single raw item, its value (an ArrayBuffer).
   */
  add(chunk: Chunk): Uint8Array | ArrayBuffer | undefined {
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
      this.#fail(p, ...problem);
      return undefined;
    }
    if (p.count < total || p.buffer === undefined) return undefined;
    this.#remove(p);
    this.#remember(id);
    const length = (total - 1) * p.chunkSize + p.lastLength;
    if (p.skip === 0) return p.buffer.subarray(0, length);
    if (length !== p.skip + p.buffer.byteLength) {
      this.#fail(p, 'invalid-chunk', 'the chunks do not add up to the announced binary length');
      return undefined;
    }
    return p.buffer.buffer as ArrayBuffer;
  }

  /** Stores a chunk's bytes; returns what is wrong with it, if anything. */
  #place(p: Pending, { n, total, data }: Chunk): Problem | undefined {
    if (p.total !== total) {
      return invalid(`chunk ${String(n)} says total ${String(total)}, not ${String(p.total)}`);
    }
    const last = n === total - 1;
    const length = data.byteLength;
    if (length === 0) return invalid(`chunk ${String(n)} is empty`);
    if (p.buffer === undefined && !last) {
      const problem = this.#allocate(
        p,
        length,
        n === 0 ? readRawHeader(data, total, length) : undefined,
      );
      if (problem !== undefined) return problem;
    }
    if (p.buffer === undefined || p.received === undefined) {
      // The last chunk came first: keep it until the chunk size is known.
      if (p.early === undefined) {
        p.early = data;
        p.lastLength = length;
        p.count++;
      }
      return undefined;
    }
    const word = n >>> 5;
    const bit = 1 << (n & 31);
    const seen = p.received[word] ?? 0;
    if ((seen & bit) !== 0) return undefined; // a duplicate: ignored
    if (last ? length > p.chunkSize : length !== p.chunkSize) {
      return invalid(
        `chunk ${String(n)} has ${String(length)} bytes, the others ${String(p.chunkSize)}`,
      );
    }
    if (last && n * p.chunkSize - p.skip + length > p.buffer.byteLength) {
      return invalid('the last chunk goes past the announced binary length');
    }
    if (n === 0 && p.skip > 0) p.buffer.set(data.subarray(p.skip), 0);
    else p.buffer.set(data, n * p.chunkSize - p.skip);
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
      skip: 0,
      received: undefined,
      count: 0,
      lastActivity: this.timers.now(),
    };
    this.#pending.set(id, p);
    this.#schedule();
    return p;
  }

  /** Learns the chunk size from a chunk that is not the last and allocates the buffer. */
  #allocate(p: Pending, chunkSize: number, raw?: RawHeader): Problem | undefined {
    const size = raw?.payload ?? p.total * chunkSize;
    if (size - chunkSize >= this.limits.maxMessageBytes || size > this.limits.maxPendingBytes) {
      return ['message-too-big', `about ${String(size)} bytes is over the limit`];
    }
    const early = p.early;
    if (early !== undefined && early.byteLength > chunkSize) {
      return invalid('the last chunk is longer than the others');
    }
    while (this.#pendingBytes + size > this.limits.maxPendingBytes) this.#evictOldest(p);
    p.chunkSize = chunkSize;
    p.buffer = new Uint8Array(size);
    p.skip = raw?.header ?? 0;
    p.received = new Uint32Array(Math.ceil(p.total / 32));
    this.#pendingBytes += size;
    if (early !== undefined) {
      const n = p.total - 1;
      if (n * chunkSize - p.skip + early.byteLength > size)
        return invalid('the last chunk is too long');
      p.buffer.set(early, n * chunkSize - p.skip);
      p.received[n >>> 5] = 1 << (n & 31);
      p.early = undefined;
    }
    return undefined;
  }

  #evictOldest(keep?: Pending): void {
    for (const p of this.#pending.values()) {
      if (p === keep) continue;
      this.#fail(p, 'chunk-evicted', 'dropped to stay within the pending chunk limits');
      return;
    }
  }

  #fail(p: Pending, type: DropType, why: string): void {
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
