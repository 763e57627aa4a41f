import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../logging';
import { ShutdownSignals } from './ShutdownSignals';

describe('ShutdownSignals', () => {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', sink: (line) => lines.push(line) });
  let signals: ShutdownSignals | undefined;
  afterEach(() => {
    signals?.dispose();
    lines.length = 0;
  });

  it('resolves on the first signal and forces the exit on the second', async () => {
    const forceExit = vi.fn();
    signals = new ShutdownSignals(logger, forceExit);
    signals.install();
    process.emit('SIGTERM', 'SIGTERM');
    expect(await signals.requested).toBe('SIGTERM');
    expect(forceExit).not.toHaveBeenCalled();
    process.emit('SIGINT', 'SIGINT');
    expect(forceExit).toHaveBeenCalledWith(130);
    expect(lines.some((l) => l.includes('second signal'))).toBe(true);
  });

  it('uses 143 for a second SIGTERM and removes its listeners on dispose', () => {
    const forceExit = vi.fn();
    const before = process.listenerCount('SIGTERM');
    signals = new ShutdownSignals(logger, forceExit);
    signals.install();
    expect(process.listenerCount('SIGTERM')).toBe(before + 1);
    process.emit('SIGTERM', 'SIGTERM');
    process.emit('SIGTERM', 'SIGTERM');
    expect(forceExit).toHaveBeenCalledWith(143);
    signals.dispose();
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });
});
