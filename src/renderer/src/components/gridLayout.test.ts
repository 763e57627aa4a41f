import { describe, expect, it } from 'vitest';
import { gridLayout } from './gridLayout';

describe('gridLayout', () => {
  it('fits 1 to 9+ tiles in a wide area with the largest tiles', () => {
    const cols = [1, 2, 3, 4, 5, 6, 7, 9, 12, 16].map(
      (n) => gridLayout(n, 1600, 900, { gap: 0 }).columns,
    );
    expect(cols).toEqual([1, 2, 2, 2, 3, 3, 3, 3, 4, 4]);
    const one = gridLayout(1, 1600, 900, { gap: 0 });
    expect([one.tileWidth, one.tileHeight]).toEqual([1600, 900]);
  });

  it('stacks tiles in a tall, narrow area', () => {
    expect(gridLayout(2, 400, 900).columns).toBe(1);
    expect(gridLayout(4, 400, 900).rows).toBe(4);
  });

  it('accounts for the gap and survives empty or absurd input', () => {
    const g = gridLayout(2, 1000, 300, { gap: 20 });
    expect(g.columns).toBe(2);
    expect(g.tileWidth).toBe(490);
    expect(gridLayout(0, 0, 0)).toEqual({ columns: 1, rows: 1, tileWidth: 0, tileHeight: 0 });
    expect(gridLayout(Number.NaN, 100, 100).columns).toBe(1);
  });
});
