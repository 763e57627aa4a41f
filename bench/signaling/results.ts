/** What each phase measures, per server. */

/** connect: `peers` clients registered with bounded concurrency. */
export interface ConnectMetrics {
  readonly peers: number;
  readonly opened: number;
  readonly failed: number;
  readonly failures: Readonly<Record<string, number>>;
  readonly elapsedMs: number;
  readonly connectsPerSec: number;
  /** Server RSS after a full GC, before and after the clients connected. */
  readonly rssBeforeMiB: number;
  readonly rssAfterMiB: number;
  readonly rssPerPeerKiB: number;
  /**
   * RSS growth per peer without the young generation's (`ProcessSample.youngGenBytes`): the
   * memory the peers hold. The raw RSS growth also counts the new-space pages V8 grew to while
   * the connects allocated (empty after the full GC, and the same ~16–32 MiB for any number of
   * peers), which at 10k peers adds some 3 KiB to every peer's share.
   */
  readonly retainedPerPeerKiB: number;
  /** Young generation resident after the connects (and a full GC), MiB. */
  readonly youngGenAfterMiB: number;
  readonly heapPerPeerKiB: number;
  /** V8 `external` memory (Buffers, C++ objects bound to JS) per peer. */
  readonly externalPerPeerKiB: number;
  /** Server CPU time over the connects, divided by the peers opened. */
  readonly cpuPerConnectMs: number;
}

/** capacity: as many clients as one process's fd limit allows. */
export interface CapacityMetrics {
  readonly target: number;
  readonly opened: number;
  readonly failed: number;
  readonly failures: Readonly<Record<string, number>>;
  /** Sockets still open a second after the last one connected. */
  readonly stillOpen: number;
  readonly elapsedMs: number;
  readonly rssAfterMiB: number;
  /** Server CPU time over the connects, divided by the peers opened. */
  readonly cpuPerConnectMs: number;
}

/** relay: closed-loop OFFER throughput over `pairs` pairs. */
export interface RelayMetrics {
  readonly pairs: number;
  readonly sent: number;
  readonly received: number;
  readonly lost: number;
  readonly checked: number;
  readonly badFrames: number;
  readonly elapsedMs: number;
  readonly msgsPerSec: number;
  readonly cpuPerMsgUs: number;
  /** The user-mode (JS, V8, libuv) and kernel (syscalls, TCP) parts of `cpuPerMsgUs`. */
  readonly userCpuPerMsgUs: number;
  readonly systemCpuPerMsgUs: number;
  /** 10⁶ / cpuPerMsgUs: the rate one fully used core would relay (independent of machine load). */
  readonly msgsPerCoreSec: number;
  /** Server CPU use over the run (100 = one core). */
  readonly serverCpuPercent: number;
  /** All generators' CPU use over the run (100 = one core). */
  readonly generatorCpuPercent: number;
}

/** latency: one-way latency at a paced rate. */
export interface LatencyMetrics {
  readonly pairs: number;
  readonly ratePerSec: number;
  readonly sent: number;
  readonly received: number;
  readonly lost: number;
  readonly badFrames: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
  readonly maxMs: number;
  readonly meanMs: number;
  /**
   * p99 of how late the generator's 1-ms pacing timers fired: the machine's own scheduling
   * delay in the same window. A latency p99 below it cannot be seen; above ~the target, the
   * latency row is not judgeable.
   */
  readonly timerLatenessP99Ms: number;
  /** Server CPU per relayed frame at this fixed rate (same frames at the same times for both servers), µs. */
  readonly cpuPerMsgUs: number;
  /** Frames per second actually sent (below `ratePerSec` when the generators fell behind). */
  readonly sentPerSec: number;
  readonly serverCpuPercent: number;
  readonly generatorCpuPercent: number;
}

/** http: keep-alive GET {path}{key}/id. */
export interface HttpMetrics {
  readonly concurrency: number;
  readonly ok: number;
  readonly failed: number;
  readonly reqPerSec: number;
  readonly cpuPerReqUs: number;
  /** 10⁶ / cpuPerReqUs: the rate one fully used core would answer (independent of machine load). */
  readonly reqPerCoreSec: number;
  readonly serverCpuPercent: number;
  readonly generatorCpuPercent: number;
}

/** Everything measured for one server; a phase that failed holds its error message. */
export interface ServerResults {
  connect?: ConnectMetrics | { error: string };
  capacity?: CapacityMetrics | { error: string };
  relay?: RelayMetrics | { error: string };
  latency?: LatencyMetrics | { error: string };
  http?: HttpMetrics | { error: string };
}
