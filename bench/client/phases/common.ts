/** What every measurement uses: the context, interleaving, failure recording, page calls. */
import { evaluateIn } from '../../../tests/support';
import type { BenchSession, UserName } from '../BenchSession';
import type { ClientBenchConfig } from '../config';
import type * as PageApi from '../page/index';
import type { Lib, Serialization } from '../page/types';
import { errorText, type Results } from '../Results';

declare const ClientBench: typeof PageApi;

export interface PhaseContext {
  readonly session: BenchSession;
  readonly config: ClientBenchConfig;
  readonly results: Results;
  readonly log: (line: string) => void;
  /** Called around our client's first bulk transfer when --profile is on. */
  readonly profiler?: { start(): Promise<void>; stop(): Promise<void> };
}

/** `libs` starting at a different one in every repeat, so none always runs first. */
export function rotate<T>(libs: readonly T[], rep: number): T[] {
  const k = libs.length === 0 ? 0 : rep % libs.length;
  return [...libs.slice(k), ...libs.slice(0, k)];
}

/** The implementations that can run; the others get their reason recorded under `keys`. */
export function usable(ctx: PhaseContext, keys: readonly string[]): Lib[] {
  return ctx.config.libs.filter((lib) => {
    const reason = ctx.session.unusable.get(lib);
    if (reason === undefined) return true;
    // The full reason is printed under the table; the cells only point at it.
    const short = reason.split(':')[0]!;
    for (const key of keys) ctx.results.fail(key, lib, short);
    return false;
  });
}

/** Runs `fn`; on failure records the error under every key and returns undefined. */
export async function attempt<T>(
  ctx: PhaseContext,
  lib: Lib,
  keys: readonly string[],
  fn: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await fn();
  } catch (error) {
    for (const key of keys) ctx.results.fail(key, lib, error);
    ctx.log(`  ${lib} ${keys.join(',')}: ${errorText(error)}`);
    return undefined;
  }
}

export async function evaluate<R, A>(
  ctx: PhaseContext,
  name: UserName,
  fn: (arg: A) => R | Promise<R>,
  arg: A,
): Promise<R> {
  return evaluateIn(await ctx.session.user(name), fn, arg);
}

let connectionCounter = 0;

/** Opens a data connection a → b; resolves with its key and the connect → open time. */
export async function connectPair(
  ctx: PhaseContext,
  lib: Lib,
  serialization: Serialization,
): Promise<{ key: string; ms: number }> {
  const from = await ctx.session.endpoint('a', lib);
  const to = await ctx.session.endpoint('b', lib);
  const key = `${lib}-${serialization}-${++connectionCounter}`;
  const ms = await evaluate(ctx, 'a', ([f, t, s, k]) => ClientBench.connect(f, t, s, k), [
    from,
    to,
    serialization,
    key,
  ] as const);
  return { key, ms };
}

export async function closeConnection(ctx: PhaseContext, key: string): Promise<void> {
  await evaluate(
    ctx,
    'a',
    (k) => {
      ClientBench.closeConnection(k);
    },
    key,
  );
}
