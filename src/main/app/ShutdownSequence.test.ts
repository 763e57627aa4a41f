import { describe, expect, it } from 'vitest';
import { createLogger } from '../logging';
import { ShutdownSequence } from './ShutdownSequence';

describe('ShutdownSequence', () => {
  it('runs every step in order once, past failures and stuck steps', async () => {
    const lines: string[] = [];
    const order: string[] = [];
    const seq = new ShutdownSequence(
      createLogger({ sink: (l) => lines.push(l) }),
      [
        ['a', () => order.push('a')],
        ['b', () => Promise.reject(new Error('boom'))],
        ['stuck', () => new Promise(() => undefined)],
        [
          'c',
          async () => {
            await Promise.resolve();
            order.push('c');
          },
        ],
      ],
      50,
    );
    expect(seq.done).toBe(false);
    await Promise.all([seq.run(), seq.run()]);
    expect(order).toEqual(['a', 'c']);
    expect(seq.done).toBe(true);
    expect(lines.some((l) => l.includes('shutdown step failed') && l.includes('"step":"b"'))).toBe(
      true,
    );
    expect(lines.some((l) => l.includes('timed out') && l.includes('"step":"stuck"'))).toBe(true);
  });
});
