/** Command-line helpers shared by the benchmarks. */
import { BenchError } from './errors';

/**
 * A comma-separated `--name=a,b` flag restricted to `all` (every item when absent), in the order
 * of `all`; throws BenchError 'bad-flag' on an unknown or empty list.
 */
export function listFlag<T extends string>(
  name: string,
  value: string | undefined,
  all: readonly T[],
): T[] {
  if (value === undefined) return [...all];
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = items.filter((s) => !(all as readonly string[]).includes(s));
  if (bad.length > 0 || items.length === 0) {
    throw new BenchError(
      'bad-flag',
      `--${name}: expected some of ${all.join(',')}, got '${value}'`,
    );
  }
  return all.filter((s) => items.includes(s));
}

/**
 * Runs `parse(argv)`; on a BenchError prints its message and `usage` to stderr and returns
 * undefined (the caller exits with code 2). Other errors propagate.
 */
export function parseOrUsage<T>(
  parse: (argv: readonly string[]) => T,
  argv: readonly string[],
  usage: string,
): T | undefined {
  try {
    return parse(argv);
  } catch (error) {
    if (!(error instanceof BenchError)) throw error;
    console.error(`${error.message}\n${usage}`);
    return undefined;
  }
}
