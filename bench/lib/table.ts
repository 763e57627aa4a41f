/** Markdown table rendering and number formatting for benchmark reports. */

/** Renders a GitHub-flavoured markdown table with padded columns (readable as plain text too). */
export function renderMarkdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const clean = (cell: string): string => cell.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const all = [header, ...rows].map((row) => header.map((_, i) => clean(row[i] ?? '')));
  const widths = header.map((_, i) => Math.max(3, ...all.map((row) => row[i]!.length)));
  const line = (row: readonly string[]): string =>
    `| ${row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  const rule = `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`;
  return [line(all[0]!), rule, ...all.slice(1).map(line)].join('\n');
}

/**
 * Formats a number for a table: thousands separators, `digits` significant decimals for small
 * values; '—' for NaN / undefined.
 */
export function formatNumber(value: number | undefined, digits = 2): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  const abs = Math.abs(value);
  const decimals = abs >= 1000 ? 0 : abs >= 100 ? Math.min(digits, 1) : digits;
  return value.toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
}

/** Formats a ratio as e.g. '0.42×'. */
export function formatRatio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : '—';
}
