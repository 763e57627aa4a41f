/** What a run measured: samples per metric and implementation, and every transfer's check. */
import type { Lib, Serialization } from './page/types';

/** Samples of one metric for one implementation; errors of the runs that failed. */
export interface Cell {
  readonly values: number[];
  readonly errors: string[];
}

/** One bulk or single-message transfer and whether its bytes arrived intact. */
export interface TransferCheck {
  readonly lib: Lib;
  readonly serialization: Serialization | 'channel';
  readonly kind: 'bulk' | 'single';
  readonly bytes: number;
  readonly sentBytes: number;
  readonly checksum: string;
  readonly verified: boolean;
  readonly mbPerSec: number;
}

export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // evaluateIn's "[user] page.evaluate: Error: " prefix says nothing the row does not.
  const line = text.split('\n')[0]!.replace(/^\[\w+\] page\.evaluate: (\w*Error: )?/, '');
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
}

export class Results {
  readonly cells: Record<string, Partial<Record<Lib, Cell>>> = {};
  readonly transfers: TransferCheck[] = [];

  #cell(key: string, lib: Lib): Cell {
    const row = (this.cells[key] ??= {});
    return (row[lib] ??= { values: [], errors: [] });
  }

  add(key: string, lib: Lib, value: number): void {
    this.#cell(key, lib).values.push(value);
  }

  fail(key: string, lib: Lib, error: unknown): void {
    this.#cell(key, lib).errors.push(errorText(error));
  }

  get(key: string, lib: Lib): Cell | undefined {
    return this.cells[key]?.[lib];
  }
}
