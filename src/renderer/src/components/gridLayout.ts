/**
 * Tile grid geometry: for `count` tiles of a given aspect ratio in a `width × height` area, the
 * number of columns that makes tiles as large as possible. Pure, so it is unit-tested.
 */
export interface GridLayout {
  columns: number;
  rows: number;
  tileWidth: number;
  tileHeight: number;
}

export function gridLayout(
  count: number,
  width: number,
  height: number,
  options: { aspect?: number; gap?: number } = {},
): GridLayout {
  const aspect = options.aspect ?? 16 / 9;
  const gap = options.gap ?? 8;
  const n = Math.max(1, Math.floor(count));
  const w = Math.max(0, width);
  const h = Math.max(0, height);
  let best: GridLayout = { columns: 1, rows: n, tileWidth: 0, tileHeight: 0 };
  for (let columns = 1; columns <= n; columns += 1) {
    const rows = Math.ceil(n / columns);
    const cellW = (w - gap * (columns - 1)) / columns;
    const cellH = (h - gap * (rows - 1)) / rows;
    if (cellW <= 0 || cellH <= 0) continue;
    const tileWidth = Math.min(cellW, cellH * aspect);
    const tileHeight = tileWidth / aspect;
    // On a tie, more columns: side by side reads better than stacked.
    if (tileWidth >= best.tileWidth - 0.5) best = { columns, rows, tileWidth, tileHeight };
  }
  return {
    ...best,
    tileWidth: Math.floor(best.tileWidth),
    tileHeight: Math.floor(best.tileHeight),
  };
}
