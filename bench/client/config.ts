import { parseArgs } from 'node:util';
import { listFlag } from '../lib/cliArgs';
import { BenchError } from '../lib/errors';
import { LIBS, type Lib } from './page/types';

export const METRICS = ['open', 'connect', 'rtt', 'bulk', 'single', 'call', 'mesh'] as const;
/**
 * open: new Peer → 'open' · connect: connect() → 'open' · rtt: small-message round trips per
 * serialization · bulk: 64 MiB as 64 KiB buffers (MB/s, checksums, peak memory) · single: one
 * 16 MiB message · call: call() → first remote frame · mesh: 4-party mesh time to all frames, CPU.
 */
export type Metric = (typeof METRICS)[number];

export const USAGE = `usage: node bench/client/run.mjs [--quick] [--repeat=N] [--only=${METRICS.join(',')}]
                             [--libs=${LIBS.join(',')}] [--message-bytes=65536] [--out=file.json] [--profile]`;

/** Everything a run needs to know. */
export interface ClientBenchConfig {
  readonly quick: boolean;
  /** Runs of every throughput, RTT and mesh measurement; the table shows median and range. */
  readonly repeat: number;
  readonly metrics: readonly Metric[];
  readonly libs: readonly Lib[];
  /** Where the JSON results go (default bench/results/client-<date>.json). */
  readonly out: string | undefined;
  /** CPU-profile both pages during our client's first bulk transfer and print the hot spots. */
  readonly profile: boolean;
  /** Samples of Peer open, of connect, and of call setup. */
  readonly openSamples: number;
  readonly connectSamples: number;
  readonly callSamples: number;
  readonly rttMessages: number;
  readonly rttWarmup: number;
  readonly bulkBytes: number;
  readonly bulkMessageBytes: number;
  readonly singleBytes: number;
  /** How long the mesh keeps running after every frame arrived, for the CPU figure, ms. */
  readonly meshSteadyMs: number;
}

const MiB = 1024 * 1024;

const FULL = {
  repeat: 3,
  openSamples: 10,
  connectSamples: 20,
  callSamples: 8,
  rttMessages: 1000,
  rttWarmup: 50,
  bulkBytes: 64 * MiB,
  bulkMessageBytes: 64 * 1024,
  singleBytes: 16 * MiB,
  meshSteadyMs: 3000,
};

const QUICK: typeof FULL = {
  repeat: 1,
  openSamples: 2,
  connectSamples: 2,
  callSamples: 1,
  rttMessages: 100,
  rttWarmup: 10,
  bulkBytes: 4 * MiB,
  bulkMessageBytes: 64 * 1024,
  singleBytes: 2 * MiB,
  meshSteadyMs: 1000,
};

/** Parses the command line; throws BenchError 'bad-flag' with a clear message. */
export function parseConfig(argv: readonly string[]): ClientBenchConfig {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        quick: { type: 'boolean', default: false },
        repeat: { type: 'string' },
        only: { type: 'string' },
        libs: { type: 'string' },
        out: { type: 'string' },
        profile: { type: 'boolean', default: false },
        'message-bytes': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new BenchError('bad-flag', error instanceof Error ? error.message : String(error));
  }
  const base = values.quick ? QUICK : FULL;
  let repeat = base.repeat;
  if (values.repeat !== undefined) {
    repeat = Number(values.repeat);
    if (!Number.isInteger(repeat) || repeat < 1 || repeat > 50) {
      throw new BenchError(
        'bad-flag',
        `--repeat: expected an integer 1-50, got '${values.repeat}'`,
      );
    }
  }
  let bulkMessageBytes = base.bulkMessageBytes;
  const messageFlag = values['message-bytes'];
  if (messageFlag !== undefined) {
    bulkMessageBytes = Number(messageFlag);
    if (
      !Number.isInteger(bulkMessageBytes) ||
      bulkMessageBytes < 1024 ||
      bulkMessageBytes > 256 * 1024
    ) {
      throw new BenchError(
        'bad-flag',
        `--message-bytes: expected an integer 1024-262144 (a data channel message), got '${messageFlag}'`,
      );
    }
  }
  return {
    ...base,
    bulkMessageBytes,
    quick: values.quick,
    repeat,
    metrics: listFlag('only', values.only, METRICS),
    libs: listFlag('libs', values.libs, LIBS),
    out: values.out,
    profile: values.profile,
  };
}
