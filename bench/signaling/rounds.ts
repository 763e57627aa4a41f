import type { Phase } from './config';
import type { ServerResults } from './results';

type Result<P extends Phase> = NonNullable<ServerResults[P]>;
type Ok<P extends Phase> = Exclude<Result<P>, { error: string }>;

/** Phases run in several interleaved rounds, and the metric that ranks their rounds. */
export const ROUND_KEYS: {
  readonly [P in Phase]?: { readonly label: string; readonly pick: (m: Ok<P>) => number };
} = {
  relay: { label: 'server CPU per relayed msg (µs)', pick: (m) => m.cpuPerMsgUs },
  latency: { label: 'p99 (ms)', pick: (m) => m.p99Ms },
  http: { label: 'GET /id req/s', pick: (m) => m.reqPerSec },
};

/** How many rounds `phase` gets. */
export function roundsOf(phase: Phase, rounds: number): number {
  return ROUND_KEYS[phase] ? rounds : 1;
}

/** The round whose key metric is the median (the lower middle for an even count); errors only when every round failed. */
export function medianRound<P extends Phase>(phase: P, results: readonly Result<P>[]): Result<P> {
  const key = ROUND_KEYS[phase] as { pick: (m: Ok<P>) => number } | undefined;
  const ok = results.filter((r): r is Ok<P> => !('error' in r));
  if (ok.length === 0 || !key) return results[0]!;
  const sorted = [...ok].sort((a, b) => key.pick(a) - key.pick(b));
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** The key metric of every round, for the notes under the table ('error' for a failed round). */
export function roundValues<P extends Phase>(
  phase: P,
  results: readonly Result<P>[],
): (number | 'error')[] {
  const key = ROUND_KEYS[phase] as { pick: (m: Ok<P>) => number } | undefined;
  return results.map((r) => ('error' in r || !key ? 'error' : key.pick(r as Ok<P>)));
}
