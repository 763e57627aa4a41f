/**
 * The table: one row per metric, Parley next to peerjs and raw WebRTC, with ratios and the
 * issue's targets. Cells show the median of the samples, and min–max when a measurement was
 * repeated; a metric that failed shows 'n/a (error: …)'.
 */
import { quantileSorted, ratio } from '../lib/stats';
import { formatNumber, formatRatio, renderMarkdownTable } from '../lib/table';
import type { ClientBenchConfig } from './config';
import type { Lib } from './page/types';
import { SERIALIZATIONS } from './page/types';
import type { Cell, Results } from './Results';

type Medians = Record<Lib, number>;

interface RowSpec {
  readonly metric: string;
  readonly key: string;
  /** Show min–max next to the median. */
  readonly spread: boolean;
  readonly target?: { readonly label: string; readonly pass: (m: Medians) => boolean };
}

/** One rendered row, also written to the JSON results. */
export interface ReportRow {
  readonly metric: string;
  readonly key: string;
  readonly parley: string;
  readonly peerjs: string;
  readonly raw: string;
  readonly parleyPerPeerjs: string;
  readonly parleyPerRaw: string;
  readonly target: string;
  readonly pass: 'yes' | 'NO' | '—';
  readonly medians: Medians;
}

/** "Setup no slower than peerjs or raw", with 5% for timer and scheduling noise. */
const NO_SLOWER = {
  label: '≤ peerjs & raw (+5%)',
  pass: (m: Medians) => m.parley <= 1.05 * m.peerjs && m.parley <= 1.05 * m.raw,
};

function rowSpecs(config: ClientBenchConfig): RowSpec[] {
  const mib = (bytes: number): string => `${bytes / (1024 * 1024)} MiB`;
  const bulk = `${mib(config.bulkBytes)} as ${formatNumber(config.bulkMessageBytes / 1024, 1)} KiB`;
  const rows: RowSpec[] = [
    { metric: 'Peer open: new Peer → open, ms (median)', key: 'open', spread: false },
    { metric: 'connect() → open, ms (median)', key: 'connect', spread: false, target: NO_SLOWER },
  ];
  for (const s of SERIALIZATIONS) {
    const n = config.rttMessages;
    rows.push(
      { metric: `RTT ${s}, ${n} msgs, median ms`, key: `rtt.${s}.p50`, spread: true },
      {
        metric: `RTT ${s}, ${n} msgs, p99 ms`,
        key: `rtt.${s}.p99`,
        spread: true,
        target: { label: '≤ 1.1× raw', pass: (m) => m.parley <= 1.1 * m.raw },
      },
    );
  }
  const bulkTarget = { label: '≥ 0.95× raw', pass: (m: Medians) => m.parley >= 0.95 * m.raw };
  rows.push(
    { metric: `${bulk} binary, MB/s`, key: 'bulk.binary', spread: true, target: bulkTarget },
    { metric: `${bulk} raw, MB/s`, key: 'bulk.raw', spread: true, target: bulkTarget },
    {
      metric: `one ${mib(config.singleBytes)} message (binary), MB/s (raw: stream)`,
      key: 'single',
      spread: true,
      target: { label: '≥ 0.8× raw stream', pass: (m) => m.parley >= 0.8 * m.raw },
    },
    {
      metric: `sender ArrayBuffer peak, ${bulk} binary, MiB`,
      key: 'mem.sender.binary',
      spread: true,
      target: { label: '≤ 1.1× raw', pass: (m) => m.parley <= 1.1 * m.raw },
    },
    {
      metric: `receiver ArrayBuffer peak, ${bulk} binary, MiB`,
      key: 'mem.receiver.binary',
      spread: true,
    },
    { metric: `sender ArrayBuffer peak, ${bulk} raw, MiB`, key: 'mem.sender.raw', spread: true },
    {
      metric: `receiver ArrayBuffer peak, ${bulk} raw, MiB`,
      key: 'mem.receiver.raw',
      spread: true,
    },
    {
      metric: 'call() → first remote frame, ms (median)',
      key: 'call',
      spread: false,
      target: NO_SLOWER,
    },
    { metric: '4-party mesh: start → all frames, ms', key: 'mesh.time', spread: true },
    {
      metric: `4-party mesh: Chromium CPU, % of a core (to frames + ${config.meshSteadyMs / 1000} s)`,
      key: 'mesh.cpu',
      spread: true,
    },
  );
  return rows;
}

function median(values: readonly number[]): number {
  return quantileSorted(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

function formatCell(cell: Cell | undefined, spread: boolean): string {
  if (cell === undefined) return '—';
  if (cell.values.length === 0) {
    return cell.errors.length > 0 ? `n/a (error: ${cell.errors[0]})` : '—';
  }
  let text = formatNumber(median(cell.values));
  if (spread && cell.values.length > 1) {
    text += ` (${formatNumber(Math.min(...cell.values))}–${formatNumber(Math.max(...cell.values))})`;
  }
  if (cell.errors.length > 0) text += ` [${cell.errors.length} failed: ${cell.errors[0]}]`;
  return text;
}

export function buildReport(results: Results, config: ClientBenchConfig): ReportRow[] {
  return rowSpecs(config)
    .filter((spec) => results.cells[spec.key] !== undefined)
    .map((spec) => {
      const cells = results.cells[spec.key]!;
      const medians = {} as Medians;
      for (const lib of ['parley', 'peerjs', 'raw'] as const) {
        const values = cells[lib]?.values ?? [];
        medians[lib] = values.length > 0 ? median(values) : Number.NaN;
      }
      let pass: ReportRow['pass'] = '—';
      const needed = spec.target ? [medians.parley, medians.raw] : [];
      if (spec.target?.label.includes('peerjs')) needed.push(medians.peerjs);
      if (spec.target && needed.every(Number.isFinite)) {
        pass = spec.target.pass(medians) ? 'yes' : 'NO';
      }
      return {
        metric: spec.metric,
        key: spec.key,
        parley: formatCell(cells.parley, spec.spread),
        peerjs: formatCell(cells.peerjs, spec.spread),
        raw: formatCell(cells.raw, spec.spread),
        parleyPerPeerjs: formatRatio(ratio(medians.parley, medians.peerjs)),
        parleyPerRaw: formatRatio(ratio(medians.parley, medians.raw)),
        target: spec.target?.label ?? '—',
        pass,
        medians,
      };
    });
}

export function renderReport(rows: readonly ReportRow[]): string {
  return renderMarkdownTable(
    ['metric', 'Parley', 'peerjs', 'raw', 'Parley/peerjs', 'Parley/raw', 'target', 'pass?'],
    rows.map((r) => [
      r.metric,
      r.parley,
      r.peerjs,
      r.raw,
      r.parleyPerPeerjs,
      r.parleyPerRaw,
      r.target,
      r.pass,
    ]),
  );
}
