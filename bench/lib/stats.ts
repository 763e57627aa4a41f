/** Small statistics helpers for benchmark samples. */

/**
 * The q-quantile (0 ≤ q ≤ 1) of an ascending-sorted array, nearest-rank method; NaN when empty.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be within [0, 1], got ${q}`);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil(q * n));
  return sorted[rank - 1] ?? Number.NaN;
}

/** Latency-style summary of samples (any unit). */
export interface Summary {
  readonly count: number;
  readonly min: number;
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
}

/** Summarizes samples from one or more arrays (not modified). NaN fields when there are none. */
export function summarize(...parts: readonly ArrayLike<number>[]): Summary {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const all = new Float64Array(total);
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.length;
  }
  all.sort();
  let sum = 0;
  for (const v of all) sum += v;
  return {
    count: total,
    min: total > 0 ? all[0]! : Number.NaN,
    mean: total > 0 ? sum / total : Number.NaN,
    p50: quantileSorted(all, 0.5),
    p90: quantileSorted(all, 0.9),
    p99: quantileSorted(all, 0.99),
    p999: quantileSorted(all, 0.999),
    max: total > 0 ? all[total - 1]! : Number.NaN,
  };
}

/** a / b, or NaN when either is not a finite number or b is 0. */
export function ratio(a: number, b: number): number {
  return Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : Number.NaN;
}
