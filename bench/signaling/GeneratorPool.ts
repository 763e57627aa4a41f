import { resolve } from 'node:path';
import { RpcChild } from '../lib/RpcChild';
import type {
  ConnectResult,
  GeneratorMethods,
  HttpArg,
  HttpResult,
  LatencyArg,
  LatencyResult,
  PoolStatus,
  RelayArg,
  RelayResult,
} from './types';

type Generator = RpcChild<GeneratorMethods>;

/** Connecting thousands of clients on a loaded machine can take minutes. */
const CONNECT_TIMEOUT_MS = 600_000;

/** Splits `total` into `parts` near-equal integers (the first ones get the remainder). */
export function split(total: number, parts: number): number[] {
  return Array.from(
    { length: parts },
    (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0),
  );
}

function mergeConnect(results: readonly ConnectResult[]): ConnectResult {
  const failures: Record<string, number> = {};
  for (const r of results) {
    for (const [reason, n] of Object.entries(r.failures))
      failures[reason] = (failures[reason] ?? 0) + n;
  }
  return {
    opened: results.reduce((n, r) => n + r.opened, 0),
    failed: results.reduce((n, r) => n + r.failed, 0),
    failures,
    elapsedMs: Math.max(...results.map((r) => r.elapsedMs)),
  };
}

const sum = <T>(items: readonly T[], pick: (item: T) => number): number =>
  items.reduce((n, item) => n + pick(item), 0);

/**
 * The load generator processes of one benchmark run, driven as one: work is split evenly over
 * them and their results merged. Each process's clients stay in that process.
 */
export class GeneratorPool {
  private constructor(private readonly generators: readonly Generator[]) {}

  /**
   * Starts `count` generator processes; with `cpu`, all of them run on that CPU only, and with
   * `nice` at that niceness.
   */
  static async start(
    buildDir: string,
    count: number,
    cpu?: number,
    nice?: number,
  ): Promise<GeneratorPool> {
    const generators = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        RpcChild.start<GeneratorMethods, unknown>({
          label: `load generator ${i}${cpu === undefined ? '' : ` (CPU ${cpu})`}`,
          entry: resolve(buildDir, 'generator.mjs'),
          ...(cpu === undefined ? {} : { cpu }),
          ...(nice === undefined ? {} : { nice }),
        }),
      ),
    );
    return new GeneratorPool(generators);
  }

  get size(): number {
    return this.generators.length;
  }

  /** Connects `total` clients (ids `<prefix>g<n>c<i>`), `concurrency` handshakes in flight overall. */
  async connect(
    url: string,
    prefix: string,
    total: number,
    concurrency: number,
  ): Promise<ConnectResult> {
    const counts = split(total, this.size);
    const inFlight = split(concurrency, this.size);
    return mergeConnect(
      await Promise.all(
        this.generators.map((g, i) =>
          g.call(
            'connect',
            {
              url,
              prefix: `${prefix}g${i}c`,
              count: counts[i]!,
              concurrency: Math.max(1, inFlight[i]!),
            },
            CONNECT_TIMEOUT_MS,
          ),
        ),
      ),
    );
  }

  /** Connects `pairs` sender/receiver pairs spread over the generators. */
  async makePairs(
    url: string,
    prefix: string,
    pairs: number,
    concurrency: number,
  ): Promise<ConnectResult> {
    const counts = split(pairs, this.size);
    const inFlight = split(concurrency, this.size);
    return mergeConnect(
      await Promise.all(
        this.generators.map((g, i) =>
          g.call(
            'makePairs',
            {
              url,
              prefix: `${prefix}g${i}c`,
              pairs: counts[i]!,
              concurrency: Math.max(1, inFlight[i]!),
            },
            CONNECT_TIMEOUT_MS,
          ),
        ),
      ),
    );
  }

  async status(): Promise<PoolStatus> {
    const all = await Promise.all(this.generators.map((g) => g.call('status', null)));
    return { total: sum(all, (s) => s.total), open: sum(all, (s) => s.open) };
  }

  async relay(arg: RelayArg): Promise<RelayResult & { readonly perGenerator: RelayResult[] }> {
    const all = await Promise.all(this.generators.map((g) => g.call('relay', arg)));
    return {
      sent: sum(all, (r) => r.sent),
      received: sum(all, (r) => r.received),
      checked: sum(all, (r) => r.checked),
      badFrames: sum(all, (r) => r.badFrames),
      elapsedMs: Math.max(...all.map((r) => r.elapsedMs)),
      generatorCpuUs: sum(all, (r) => r.generatorCpuUs),
      perGenerator: all,
    };
  }

  /** Paced latency load; `arg.ratePerSec` is the total over all generators. */
  async latency(arg: LatencyArg): Promise<
    Omit<LatencyResult, 'latenciesMs' | 'timerLatenessMs'> & {
      latenciesMs: Float64Array[];
      timerLatenessMs: Float64Array[];
    }
  > {
    const rates = split(arg.ratePerSec, this.size);
    const all = await Promise.all(
      this.generators.map((g, i) => g.call('latency', { ...arg, ratePerSec: rates[i]! })),
    );
    return {
      sent: sum(all, (r) => r.sent),
      received: sum(all, (r) => r.received),
      badFrames: sum(all, (r) => r.badFrames),
      latenciesMs: all.map((r) => r.latenciesMs),
      timerLatenessMs: all.map((r) => r.timerLatenessMs),
      sendSpanMs: Math.max(...all.map((r) => r.sendSpanMs)),
      elapsedMs: Math.max(...all.map((r) => r.elapsedMs)),
      generatorCpuUs: sum(all, (r) => r.generatorCpuUs),
    };
  }

  /** HTTP load; `arg.concurrency` is the total over all generators. */
  async http(arg: HttpArg): Promise<HttpResult> {
    const inFlight = split(arg.concurrency, this.size);
    const all = await Promise.all(
      this.generators.map((g, i) =>
        g.call('http', { ...arg, concurrency: Math.max(1, inFlight[i]!) }),
      ),
    );
    return {
      ok: sum(all, (r) => r.ok),
      failed: sum(all, (r) => r.failed),
      elapsedMs: Math.max(...all.map((r) => r.elapsedMs)),
      generatorCpuUs: sum(all, (r) => r.generatorCpuUs),
    };
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.generators.map((g) => g.call('closeAll', null)));
  }

  async stop(): Promise<void> {
    await Promise.all(this.generators.map((g) => g.kill()));
  }
}
