import { summarize } from '../lib/stats';
import type { ProcessSample } from '../lib/types';
import type { BenchConfig, Phase } from './config';
import type { GeneratorPool } from './GeneratorPool';
import type {
  CapacityMetrics,
  ConnectMetrics,
  HttpMetrics,
  LatencyMetrics,
  RelayMetrics,
  ServerResults,
} from './results';
import type { ServerProcess } from './servers/ServerProcess';

/** What a phase works with. The server is fresh (started for this phase alone). */
export interface PhaseContext {
  readonly server: ServerProcess;
  readonly generators: GeneratorPool;
  readonly config: BenchConfig;
}

const MiB = 1024 * 1024;
const percentOfCore = (cpuUs: number, elapsedMs: number): number => cpuUs / 10 / elapsedMs || 0;

/** Server memory after a full GC, and its CPU time read after that GC (so the GC is not counted). */
async function baseline(server: ServerProcess): Promise<ProcessSample> {
  const memory = await server.sample(true);
  const { cpuUs, userUs } = await server.sample(false);
  return { ...memory, cpuUs, userUs };
}

async function connect({ server, generators, config }: PhaseContext): Promise<ConnectMetrics> {
  const { peers, concurrency } = config.connect;
  const before = await baseline(server);
  const r = await generators.connect(server.wsUrl, 'k', peers, concurrency);
  const after = await server.sample(true); // CPU read before the GC
  const n = Math.max(1, r.opened);
  return {
    peers,
    opened: r.opened,
    failed: r.failed,
    failures: r.failures,
    elapsedMs: r.elapsedMs,
    connectsPerSec: r.opened / (r.elapsedMs / 1000),
    rssBeforeMiB: before.rssBytes / MiB,
    rssAfterMiB: after.rssBytes / MiB,
    rssPerPeerKiB: (after.rssBytes - before.rssBytes) / 1024 / n,
    retainedPerPeerKiB:
      (after.rssBytes - after.youngGenBytes - (before.rssBytes - before.youngGenBytes)) / 1024 / n,
    youngGenAfterMiB: after.youngGenBytes / MiB,
    heapPerPeerKiB: (after.heapUsedBytes - before.heapUsedBytes) / 1024 / n,
    externalPerPeerKiB: (after.externalBytes - before.externalBytes) / 1024 / n,
    cpuPerConnectMs: (after.cpuUs - before.cpuUs) / 1000 / n,
  };
}

async function capacity({ server, generators, config }: PhaseContext): Promise<CapacityMetrics> {
  const { peers, concurrency } = config.capacity;
  const before = await baseline(server);
  const r = await generators.connect(server.wsUrl, 'm', peers, concurrency);
  const { cpuUs } = await server.sample(false);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const { open } = await generators.status();
  const after = await server.sample(true);
  return {
    target: peers,
    opened: r.opened,
    failed: r.failed,
    failures: r.failures,
    stillOpen: open,
    elapsedMs: r.elapsedMs,
    rssAfterMiB: after.rssBytes / MiB,
    cpuPerConnectMs: (cpuUs - before.cpuUs) / 1000 / Math.max(1, r.opened),
  };
}

async function relay({ server, generators, config }: PhaseContext): Promise<RelayMetrics> {
  const { pairs, durationMs, window, checkEvery } = config.relay;
  await generators.makePairs(server.wsUrl, 'r', pairs, 100);
  const before = await baseline(server);
  const r = await generators.relay({ durationMs, window, checkEvery });
  const after = await server.sample(false);
  const cpuUs = after.cpuUs - before.cpuUs;
  const userUs = after.userUs - before.userUs;
  return {
    pairs,
    sent: r.sent,
    received: r.received,
    lost: r.sent - r.received,
    checked: r.checked,
    badFrames: r.badFrames,
    elapsedMs: r.elapsedMs,
    msgsPerSec: r.received / (r.elapsedMs / 1000),
    cpuPerMsgUs: cpuUs / Math.max(1, r.received),
    userCpuPerMsgUs: userUs / Math.max(1, r.received),
    systemCpuPerMsgUs: (cpuUs - userUs) / Math.max(1, r.received),
    msgsPerCoreSec: (1e6 * r.received) / Math.max(1, cpuUs),
    serverCpuPercent: percentOfCore(cpuUs, r.elapsedMs),
    generatorCpuPercent: percentOfCore(r.generatorCpuUs, r.elapsedMs),
  };
}

async function latency({ server, generators, config }: PhaseContext): Promise<LatencyMetrics> {
  const { pairs, durationMs, ratePerSec } = config.latency;
  await generators.makePairs(server.wsUrl, 'l', pairs, 100);
  const before = await baseline(server);
  const r = await generators.latency({ durationMs, ratePerSec });
  const after = await server.sample(false);
  const s = summarize(...r.latenciesMs);
  const lateness = summarize(...r.timerLatenessMs);
  return {
    pairs,
    ratePerSec,
    sent: r.sent,
    received: r.received,
    lost: r.sent - r.received - r.badFrames,
    badFrames: r.badFrames,
    p50Ms: s.p50,
    p90Ms: s.p90,
    p99Ms: s.p99,
    p999Ms: s.p999,
    maxMs: s.max,
    meanMs: s.mean,
    timerLatenessP99Ms: lateness.p99,
    cpuPerMsgUs: (after.cpuUs - before.cpuUs) / Math.max(1, r.received),
    sentPerSec: r.sent / (Math.max(1, r.sendSpanMs) / 1000),
    serverCpuPercent: percentOfCore(after.cpuUs - before.cpuUs, r.elapsedMs),
    generatorCpuPercent: percentOfCore(r.generatorCpuUs, r.elapsedMs),
  };
}

async function http({ server, generators, config }: PhaseContext): Promise<HttpMetrics> {
  const { concurrency, durationMs } = config.http;
  const before = await baseline(server);
  const r = await generators.http({ url: server.idUrl, concurrency, durationMs });
  const after = await server.sample(false);
  const cpuUs = after.cpuUs - before.cpuUs;
  return {
    concurrency,
    ok: r.ok,
    failed: r.failed,
    reqPerSec: r.ok / (r.elapsedMs / 1000),
    cpuPerReqUs: cpuUs / Math.max(1, r.ok),
    reqPerCoreSec: (1e6 * r.ok) / Math.max(1, cpuUs),
    serverCpuPercent: percentOfCore(cpuUs, r.elapsedMs),
    generatorCpuPercent: percentOfCore(r.generatorCpuUs, r.elapsedMs),
  };
}

/** Runs one phase against an already started server; the caller closes clients and the server. */
export function runPhase<P extends Phase>(
  phase: P,
  context: PhaseContext,
): Promise<NonNullable<ServerResults[P]>> {
  const phases: { [K in Phase]: (c: PhaseContext) => Promise<NonNullable<ServerResults[K]>> } = {
    connect,
    capacity,
    relay,
    latency,
    http,
  };
  return phases[phase](context);
}
