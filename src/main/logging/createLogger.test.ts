import { describe, expect, it } from 'vitest';
import { createLogger, LOG_LEVELS, logLevelFromEnv, silentLogger } from './createLogger';

function capture(level?: 'debug' | 'info' | 'warn' | 'error' | 'silent') {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    ...(level ? { level } : {}),
    sink: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
    now: () => new Date('2026-01-01T00:00:00Z'),
  });
  return { logger, lines };
}

describe('createLogger', () => {
  it('writes JSON lines with time, level, msg and fields at or above the level', () => {
    const { logger, lines } = capture('info');
    logger.debug('hidden');
    logger.info('hello', { n: 1 });
    logger.error('bad', { error: new Error('boom') });
    expect(lines).toEqual([
      { time: '2026-01-01T00:00:00.000Z', level: 'info', msg: 'hello', n: 1 },
      {
        time: '2026-01-01T00:00:00.000Z',
        level: 'error',
        msg: 'bad',
        error: { name: 'Error', message: 'boom' },
      },
    ]);
    expect(logger.enabled('debug')).toBe(false);
    expect(logger.enabled('warn')).toBe(true);
  });

  it('child loggers add fields', () => {
    const { logger, lines } = capture('debug');
    logger.child({ component: 'signaling' }).child({ id: 'a' }).debug('x', { id: 'b' });
    expect(lines[0]).toMatchObject({ component: 'signaling', id: 'b', msg: 'x', level: 'debug' });
  });

  it('survives cycles, BigInt and a throwing sink', () => {
    const { logger, lines } = capture();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    logger.warn('odd', { cyclic, big: 10n });
    expect(lines[0]).toMatchObject({ cyclic: { self: '[Circular]' }, big: '10' });
    const broken = createLogger({
      sink: () => {
        throw new Error('closed');
      },
    });
    expect(() => {
      broken.error('x');
    }).not.toThrow();
  });

  it('rejects an unknown level; silentLogger writes nothing', () => {
    expect(() => createLogger({ level: 'loud' as 'info' })).toThrow(/Unknown log level "loud"/);
    expect(silentLogger.enabled('error')).toBe(false);
    silentLogger.error('nothing');
  });
});

describe('logLevelFromEnv', () => {
  it('uses the fallback when unset or empty', () => {
    expect(logLevelFromEnv(undefined)).toEqual({ level: 'info' });
    expect(logLevelFromEnv('', 'warn')).toEqual({ level: 'warn' });
  });
  it('accepts every known level, case-insensitively', () => {
    for (const level of LOG_LEVELS) expect(logLevelFromEnv(level.toUpperCase()).level).toBe(level);
  });
  it('turns a typo into the fallback with a warning instead of throwing or going silent', () => {
    const result = logLevelFromEnv('verbose');
    expect(result.level).toBe('info');
    expect(result.warning).toMatch(/Unknown log level "verbose".*debug, info, warn, error, silent/);
  });
});
