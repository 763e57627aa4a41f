import { ratio } from '../lib/stats';
import { formatNumber, formatRatio, renderMarkdownTable } from '../lib/table';
import type { BenchConfig, Phase, ServerName } from './config';
import type { ServerResults } from './results';
import { TARGETS } from './targets';

type Metrics<P extends Phase> = Exclude<NonNullable<ServerResults[P]>, { error: string }>;

/** One line of the table. */
interface Row<P extends Phase> {
  readonly phase: P;
  readonly metric: string;
  readonly value: (m: Metrics<P>) => number;
  /** Display text instead of the formatted number. */
  readonly show?: (m: Metrics<P>) => string;
  readonly digits?: number;
  readonly target: string;
  /** Whether Parley meets the target; undefined when it cannot be judged. */
  readonly pass?: (parley: Metrics<P>, peer: Metrics<P> | undefined) => boolean | undefined;
}

const relative =
  (pick: (v: number) => number, op: 'max' | 'min', factor: number) =>
  (parley: number, peer: number | undefined): boolean | undefined => {
    if (peer === undefined) return undefined;
    const r = ratio(pick(parley), pick(peer));
    return Number.isNaN(r) ? undefined : op === 'max' ? r <= factor : r >= factor;
  };
const atMost = (factor: number) => relative((v) => v, 'max', factor);
const atLeast = (factor: number) => relative((v) => v, 'min', factor);

function rows(config: BenchConfig): Row<Phase>[] {
  const r = <P extends Phase>(row: Row<P>): Row<Phase> => row as unknown as Row<Phase>;
  const connectN = formatNumber(config.connect.peers, 0);
  const capacityN = formatNumber(config.capacity.peers, 0);
  const rate = formatNumber(config.latency.ratePerSec, 0);
  return [
    r<'connect'>({
      phase: 'connect',
      metric: `connect: peers registered (of ${connectN})`,
      value: (m) => m.opened,
      show: (m) => `${formatNumber(m.opened, 0)} (${formatNumber(m.failed, 0)} failed)`,
      target: '0 failed',
      pass: (p) => p.opened === p.peers && p.failed === 0,
    }),
    r<'connect'>({
      phase: 'connect',
      metric: `connect: time for ${connectN} peers (s)`,
      value: (m) => m.elapsedMs / 1000,
      target: '—',
    }),
    r<'connect'>({
      phase: 'connect',
      metric: 'connect: server RSS per peer, raw (KiB)',
      value: (m) => m.rssPerPeerKiB,
      target: '—',
    }),
    r<'connect'>({
      phase: 'connect',
      metric: 'connect: young generation after GC (MiB)',
      value: (m) => m.youngGenAfterMiB,
      target: '—',
    }),
    r<'connect'>({
      phase: 'connect',
      metric: 'connect: server RSS per peer, young gen excluded (KiB)',
      value: (m) => m.retainedPerPeerKiB,
      target: `≤ ${TARGETS.rssPerPeerRatio}× peer`,
      pass: (p, q) => atMost(TARGETS.rssPerPeerRatio)(p.retainedPerPeerKiB, q?.retainedPerPeerKiB),
    }),
    r<'connect'>({
      phase: 'connect',
      metric: 'connect: V8 heap per peer (KiB)',
      value: (m) => m.heapPerPeerKiB,
      target: '—',
    }),
    r<'connect'>({
      phase: 'connect',
      metric: 'connect: server CPU per connect (ms)',
      value: (m) => m.cpuPerConnectMs,
      digits: 3,
      target: '—',
    }),
    r<'capacity'>({
      phase: 'capacity',
      metric: `capacity: peers held (of ${capacityN})`,
      value: (m) => m.stillOpen,
      show: (m) => `${formatNumber(m.stillOpen, 0)} (${formatNumber(m.failed, 0)} failed)`,
      target: `${capacityN}, 0 failed`,
      pass: (p) => p.opened === p.target && p.failed === 0 && p.stillOpen === p.target,
    }),
    r<'relay'>({
      phase: 'relay',
      metric: 'relay: throughput (msg/s)',
      value: (m) => m.msgsPerSec,
      target: '—',
    }),
    r<'relay'>({
      phase: 'relay',
      metric: 'relay: server CPU per relayed msg (µs)',
      value: (m) => m.cpuPerMsgUs,
      target: `≤ ${TARGETS.cpuPerMsgRatio}× peer`,
      pass: (p, q) => atMost(TARGETS.cpuPerMsgRatio)(p.cpuPerMsgUs, q?.cpuPerMsgUs),
    }),
    r<'relay'>({
      phase: 'relay',
      metric: 'relay: lost + bad frames',
      value: (m) => m.lost + m.badFrames,
      digits: 0,
      target: '0',
      pass: (p) => p.lost + p.badFrames === 0,
    }),
    r<'latency'>({
      phase: 'latency',
      metric: `latency: frames sent per second (paced at ${rate})`,
      value: (m) => m.sentPerSec,
      target: '—',
    }),
    r<'latency'>({
      phase: 'latency',
      metric: `latency: p50 at ${rate} msg/s (ms)`,
      value: (m) => m.p50Ms,
      digits: 3,
      target: '—',
    }),
    r<'latency'>({
      phase: 'latency',
      metric: `latency: p99 at ${rate} msg/s (ms)`,
      value: (m) => m.p99Ms,
      digits: 3,
      target: `≤ ${TARGETS.latencyP99Ms} ms`,
      // Not judged when the generator itself was descheduled for longer than the target.
      pass: (p) =>
        p.p99Ms <= TARGETS.latencyP99Ms
          ? true
          : p.timerLatenessP99Ms > TARGETS.latencyP99Ms
            ? undefined
            : false,
    }),
    r<'latency'>({
      phase: 'latency',
      metric: 'latency: generator timer lateness p99, same window (ms)',
      value: (m) => m.timerLatenessP99Ms,
      digits: 3,
      target: `< ${TARGETS.latencyP99Ms} ms to judge p99`,
      pass: (p) => p.timerLatenessP99Ms < TARGETS.latencyP99Ms,
    }),
    r<'latency'>({
      phase: 'latency',
      metric: `latency: server CPU per relayed msg at ${rate} msg/s (µs)`,
      value: (m) => m.cpuPerMsgUs,
      target: '—',
    }),
    r<'latency'>({
      phase: 'latency',
      metric: 'latency: lost + bad frames',
      value: (m) => m.lost + m.badFrames,
      digits: 0,
      target: '0',
      pass: (p) => p.lost + p.badFrames === 0,
    }),
    r<'http'>({
      phase: 'http',
      metric: 'http: GET /peerjs/id (req/s)',
      value: (m) => m.reqPerSec,
      target: `≥ ${TARGETS.idRateRatio}× peer`,
      pass: (p, q) => atLeast(TARGETS.idRateRatio)(p.reqPerSec, q?.reqPerSec),
    }),
    r<'http'>({
      phase: 'http',
      metric: 'http: server CPU per request (µs)',
      value: (m) => m.cpuPerReqUs,
      target: '—',
    }),
    r<'http'>({
      phase: 'http',
      metric: 'http: req/s per server core (10⁶ / CPU µs per req)',
      value: (m) => m.reqPerCoreSec,
      target: `≥ ${TARGETS.idRateRatio}× peer`,
      pass: (p, q) => atLeast(TARGETS.idRateRatio)(p.reqPerCoreSec, q?.reqPerCoreSec),
    }),
  ];
}

function metricsOf<P extends Phase>(
  results: ServerResults | undefined,
  phase: P,
): Metrics<P> | 'error' | undefined {
  const m = results?.[phase];
  if (m === undefined) return undefined;
  return 'error' in m ? 'error' : (m as Metrics<P>);
}

/** A table row as data (also written to the JSON results). */
export interface ReportRow {
  readonly metric: string;
  readonly parley: string;
  readonly peer: string;
  readonly ratio: string;
  readonly target: string;
  readonly pass: boolean | null;
}

/** Builds the comparison rows for the phases that ran. */
export function buildReport(
  config: BenchConfig,
  results: Partial<Record<ServerName, ServerResults>>,
): ReportRow[] {
  return rows(config)
    .filter((row) => config.phases.includes(row.phase))
    .map((row) => {
      const ours = metricsOf(results.parley, row.phase);
      const theirs = metricsOf(results.peer, row.phase);
      const cell = (m: typeof ours): string =>
        m === undefined
          ? '—'
          : m === 'error'
            ? 'error'
            : (row.show?.(m) ?? formatNumber(row.value(m), row.digits));
      const ourValue = typeof ours === 'object' ? row.value(ours) : Number.NaN;
      const theirValue = typeof theirs === 'object' ? row.value(theirs) : Number.NaN;
      const pass =
        typeof ours === 'object'
          ? row.pass?.(ours, typeof theirs === 'object' ? theirs : undefined)
          : undefined;
      return {
        metric: row.metric,
        parley: cell(ours),
        peer: cell(theirs),
        ratio: formatRatio(ratio(ourValue, theirValue)),
        target: row.target,
        pass: pass ?? (ours === 'error' ? false : null),
      };
    });
}

/** The report as a markdown table. */
export function renderReport(report: readonly ReportRow[]): string {
  return renderMarkdownTable(
    ['metric', 'Parley', 'peer 1.0.2', 'ratio (Parley/peer)', 'target', 'pass?'],
    report.map((row) => [
      row.metric,
      row.parley,
      row.peer,
      row.ratio,
      row.target,
      row.pass === null ? '—' : row.pass ? 'yes' : 'NO',
    ]),
  );
}
