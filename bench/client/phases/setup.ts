/** Setup and latency: Peer open, connect() → open, small-message round trips. */
import { summarize } from '../../lib/stats';
import type * as PageApi from '../page/index';
import { SERIALIZATIONS, type Lib, type Serialization } from '../page/types';
import {
  attempt,
  closeConnection,
  connectPair,
  evaluate,
  rotate,
  usable,
  type PhaseContext,
} from './common';

declare const ClientBench: typeof PageApi;

export async function open(ctx: PhaseContext): Promise<void> {
  const libs = usable(ctx, ['open']);
  for (let i = 0; i < ctx.config.openSamples; i++) {
    for (const lib of rotate(libs, i)) {
      const ms = await attempt(ctx, lib, ['open'], () =>
        evaluate(ctx, 'a', ([l, id]) => ClientBench.peerOpenOnce(l, id), [
          lib,
          `open-${lib}-${i}`,
        ] as const),
      );
      if (ms !== undefined) ctx.results.add('open', lib, ms);
    }
  }
}

export async function connect(ctx: PhaseContext): Promise<void> {
  const libs = usable(ctx, ['connect']);
  for (const lib of libs) {
    await attempt(ctx, lib, ['connect'], async () => {
      await ctx.session.endpoint('a', lib);
      await ctx.session.endpoint('b', lib);
    });
  }
  for (let i = 0; i < ctx.config.connectSamples; i++) {
    for (const lib of rotate(libs, i)) {
      const made = await attempt(ctx, lib, ['connect'], () => connectPair(ctx, lib, 'binary'));
      if (made === undefined) continue;
      ctx.results.add('connect', lib, made.ms);
      await closeConnection(ctx, made.key);
    }
  }
}

export async function rtt(ctx: PhaseContext): Promise<void> {
  const keysOf = (s: Serialization): string[] => [`rtt.${s}.p50`, `rtt.${s}.p99`];
  const libs = new Map(SERIALIZATIONS.map((s) => [s, usable(ctx, keysOf(s))]));
  for (let rep = 0; rep < ctx.config.repeat; rep++) {
    for (const serialization of SERIALIZATIONS) {
      await rttRound(
        ctx,
        serialization,
        rotate(libs.get(serialization)!, rep),
        keysOf(serialization),
      );
    }
  }
}

/** One RTT measurement per implementation on a fresh connection of `serialization`. */
async function rttRound(
  ctx: PhaseContext,
  serialization: Serialization,
  libs: readonly Lib[],
  keys: readonly string[],
): Promise<void> {
  const { rttMessages, rttWarmup } = ctx.config;
  for (const lib of libs) {
    await attempt(ctx, lib, keys, async () => {
      const { key } = await connectPair(ctx, lib, serialization);
      try {
        const kind = lib === 'raw' || serialization === 'raw' ? 'string' : 'object';
        const samples = await evaluate(
          ctx,
          'a',
          ([k, kd, n, w]) => ClientBench.roundTrips(k, kd, n, w),
          [key, kind, rttMessages, rttWarmup] as const,
        );
        const summary = summarize(samples);
        ctx.results.add(keys[0]!, lib, summary.p50);
        ctx.results.add(keys[1]!, lib, summary.p99);
      } finally {
        await closeConnection(ctx, key);
      }
    });
  }
}

/** One transfer a → b on connection `key` with memory sampled on both pages; checked. */
