/**
 * Limits both servers get in the benchmark. Where a server has no such limit, nothing is set:
 * `peer` 1.0.2 has no per-client rate limit, per-IP cap or frame-size limit of its own (ws's
 * default maxPayload of 100 MiB applies).
 */
export const BENCH_LIMITS = {
  /** Registered clients at once: far above the ~19,000 sockets a process can hold here. */
  concurrentLimit: 100_000,
  /**
   * Parley's per-client rate limit stays on (its cost is measured) but far above what one
   * benchmark client sends (a relay sender reaches a few hundred frames per second).
   */
  messageRate: 100_000,
  messageBurst: 100_000,
  /** All benchmark clients come from 127.0.0.1, so Parley's per-IP cap is off. */
  perIpLimit: 0,
} as const;
