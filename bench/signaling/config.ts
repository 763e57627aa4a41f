import { parseArgs } from 'node:util';
import { listFlag } from '../lib/cliArgs';
import { BenchError } from '../lib/errors';

export const PHASES = ['connect', 'capacity', 'relay', 'latency', 'http'] as const;
/** connect: 10k peers (time, RSS and CPU per peer) · capacity: as many as a process can hold · relay: throughput and CPU per message · latency: paced one-way latency · http: GET /peerjs/id. */
export type Phase = (typeof PHASES)[number];

export const SERVER_NAMES = ['parley', 'peer'] as const;
export type ServerName = (typeof SERVER_NAMES)[number];

/** Everything a run needs to know. */
export interface BenchConfig {
  readonly quick: boolean;
  readonly phases: readonly Phase[];
  readonly servers: readonly ServerName[];
  /** Where the JSON results go (default bench/results/signaling-<date>.json). */
  readonly out: string | undefined;
  /** Write a V8 CPU profile of every server child and print its hottest functions. */
  readonly profile: boolean;
  /** Load generator processes (clients are spread over them). */
  readonly generators: number;
  /**
   * Rounds of the relay, latency and http phases, servers interleaved (A B A B …); the table
   * shows each server's median round. Damps the noise of a shared machine.
   */
  readonly rounds: number;
  readonly connect: { readonly peers: number; readonly concurrency: number };
  readonly capacity: { readonly peers: number; readonly concurrency: number };
  readonly relay: {
    readonly pairs: number;
    readonly durationMs: number;
    readonly window: number;
    readonly checkEvery: number;
  };
  readonly latency: {
    readonly pairs: number;
    readonly durationMs: number;
    readonly ratePerSec: number;
  };
  readonly http: { readonly concurrency: number; readonly durationMs: number };
}

const FULL = {
  rounds: 3,
  connect: { peers: 10_000, concurrency: 200 },
  // A process may hold 20,000 fds here; the server needs ~25 besides its sockets.
  capacity: { peers: 19_000, concurrency: 200 },
  relay: { pairs: 200, durationMs: 5_000, window: 16, checkEvery: 16 },
  latency: { pairs: 200, durationMs: 5_000, ratePerSec: 10_000 },
  http: { concurrency: 50, durationMs: 5_000 },
};

const QUICK: typeof FULL = {
  rounds: 1,
  connect: { peers: 300, concurrency: 40 },
  capacity: { peers: 600, concurrency: 40 },
  relay: { pairs: 20, durationMs: 1_000, window: 8, checkEvery: 4 },
  latency: { pairs: 20, durationMs: 1_000, ratePerSec: 1_000 },
  http: { concurrency: 8, durationMs: 1_000 },
};

/** Parses the command line; throws BenchError('bad-flag') with a usage hint on bad input. */
export function parseConfig(argv: readonly string[]): BenchConfig {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        quick: { type: 'boolean', default: false },
        only: { type: 'string' },
        servers: { type: 'string' },
        out: { type: 'string' },
        profile: { type: 'boolean', default: false },
        generators: { type: 'string', default: '2' },
        rounds: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new BenchError('bad-flag', (error as Error).message, { cause: error });
  }
  const generators = Number(values.generators);
  if (!Number.isInteger(generators) || generators < 1 || generators > 8) {
    throw new BenchError('bad-flag', `--generators: expected 1..8, got '${values.generators}'`);
  }
  const preset = values.quick ? QUICK : FULL;
  const rounds = values.rounds === undefined ? preset.rounds : Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 9) {
    throw new BenchError('bad-flag', `--rounds: expected 1..9, got '${values.rounds}'`);
  }
  return {
    quick: values.quick,
    phases: listFlag('only', values.only, PHASES),
    servers: listFlag('servers', values.servers, SERVER_NAMES),
    out: values.out,
    profile: values.profile,
    generators,
    ...preset,
    rounds,
  };
}

export const USAGE = `usage: node bench/signaling/run.mjs [--quick] [--only=${PHASES.join(',')}]
       [--servers=${SERVER_NAMES.join(',')}] [--out=results.json] [--profile] [--generators=2] [--rounds=3]`;
