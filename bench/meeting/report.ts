/**
 * The table of `npm run bench:meeting`: per meeting size, Parley next to the peerjs demo — time
 * for the newest participant to see everyone and be seen (ms to the last first frame), and the
 * browser's CPU with everyone in (total and per participant, % of one core) — with ratios and the
 * issue's targets (4 participants: ≤ 600 ms and less CPU than peerjs; the peerjs anchor
 * was 883 ms at 162% of one core).
 */
import { quantileSorted } from '../lib/stats';
import { formatNumber, formatRatio, renderMarkdownTable } from '../lib/table';
import type { Impl, JoinSample } from './trials';

export interface MeetingRow {
  readonly participants: number;
  readonly joinMs: Record<Impl, number>;
  readonly cpuPercent: Record<Impl, number>;
  readonly pass: 'yes' | 'NO' | '—';
}

const TARGET_MS = 600;

function median(values: readonly number[]): number {
  return quantileSorted(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

/** Medians per size and implementation. */
export function buildRows(
  samples: Record<Impl, JoinSample[]>,
  sizes: readonly number[],
): MeetingRow[] {
  return sizes.map((n) => {
    const pick = (impl: Impl, key: 'joinMs' | 'cpuPercent'): number =>
      median(samples[impl].filter((s) => s.participants === n).map((s) => s[key]));
    const joinMs = { parley: pick('parley', 'joinMs'), peerjs: pick('peerjs', 'joinMs') };
    const cpuPercent = {
      parley: pick('parley', 'cpuPercent'),
      peerjs: pick('peerjs', 'cpuPercent'),
    };
    const measured = Number.isFinite(joinMs.parley) && Number.isFinite(cpuPercent.peerjs);
    const pass =
      n !== 4 || !measured
        ? '—'
        : joinMs.parley <= TARGET_MS && cpuPercent.parley < cpuPercent.peerjs
          ? 'yes'
          : 'NO';
    return { participants: n, joinMs, cpuPercent, pass };
  });
}

export function renderRows(rows: readonly MeetingRow[]): string {
  const header = [
    'participants',
    'Parley join→all frames, ms',
    'peerjs, ms',
    'Parley/peerjs',
    'Parley CPU %',
    'peerjs CPU %',
    'Parley CPU %/participant',
    'peerjs CPU %/participant',
    'CPU Parley/peerjs',
    'target (4)',
    'pass?',
  ];
  const body = rows.map((r) => [
    String(r.participants),
    formatNumber(r.joinMs.parley, 0),
    formatNumber(r.joinMs.peerjs, 0),
    formatRatio(r.joinMs.parley / r.joinMs.peerjs),
    formatNumber(r.cpuPercent.parley, 0),
    formatNumber(r.cpuPercent.peerjs, 0),
    formatNumber(r.cpuPercent.parley / r.participants, 0),
    formatNumber(r.cpuPercent.peerjs / r.participants, 0),
    formatRatio(r.cpuPercent.parley / r.cpuPercent.peerjs),
    r.participants === 4 ? `≤ ${TARGET_MS} ms, CPU < peerjs` : '',
    r.pass,
  ]);
  return renderMarkdownTable(header, body);
}
