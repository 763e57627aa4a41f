import type { LogFields, LogLevel, Logger } from './types';

const RANK: Readonly<Record<LogLevel, number>> = {
  debug: 10,
  info: 20,
  warn: 30,
  error: 40,
  silent: 100,
};

export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

export interface LoggerOptions {
  /** Lowest level written. Default 'info'. */
  level?: LogLevel;
  /** Where each JSON line goes (without the trailing newline added). Default: stderr. */
  sink?: (line: string) => void;
  /** Clock for the `time` field. Default: `() => new Date()`. */
  now?: () => Date;
}

const stderrSink = (line: string): void => {
  process.stderr.write(line + '\n');
};

/** Makes Error objects (which JSON.stringify turns into `{}`) readable, and survives cycles/BigInt. */
function serialize(record: Record<string, unknown>): string {
  const seen = new WeakSet<object>();
  try {
    return JSON.stringify(record, (_key, value: unknown) => {
      if (typeof value === 'bigint') return value.toString();
      if (value instanceof Error) {
        const out: Record<string, unknown> = { name: value.name, message: value.message };
        const code = (value as { code?: unknown }).code;
        if (code !== undefined) out.code = code;
        if (value.cause !== undefined) out.cause = value.cause;
        return out;
      }
      if (typeof value === 'object' && value !== null) {
        if (seen.has(value)) return '[Circular]';
        seen.add(value);
      }
      return value;
    });
  } catch {
    return JSON.stringify({ time: record.time, level: record.level, msg: record.msg });
  }
}

class JsonLogger implements Logger {
  constructor(
    private readonly min: number,
    private readonly sink: (line: string) => void,
    private readonly now: () => Date,
    private readonly base: LogFields,
  ) {}

  enabled(level: Exclude<LogLevel, 'silent'>): boolean {
    return RANK[level] >= this.min;
  }

  debug(msg: string, fields?: LogFields): void {
    this.write('debug', msg, fields);
  }

  info(msg: string, fields?: LogFields): void {
    this.write('info', msg, fields);
  }

  warn(msg: string, fields?: LogFields): void {
    this.write('warn', msg, fields);
  }

  error(msg: string, fields?: LogFields): void {
    this.write('error', msg, fields);
  }

  child(fields: LogFields): Logger {
    return new JsonLogger(this.min, this.sink, this.now, { ...this.base, ...fields });
  }

  private write(level: Exclude<LogLevel, 'silent'>, msg: string, fields?: LogFields): void {
    if (RANK[level] < this.min) return;
    const line = serialize({
      time: this.now().toISOString(),
      level,
      msg,
      ...this.base,
      ...fields,
    });
    try {
      this.sink(line);
    } catch {
      // A broken sink (closed stderr) must never take the process down.
    }
  }
}

/** Creates a JSON-lines logger. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  if (!(level in RANK)) {
    throw new TypeError(`Unknown log level "${level}"; use one of ${LOG_LEVELS.join(', ')}`);
  }
  return new JsonLogger(
    RANK[level],
    options.sink ?? stderrSink,
    options.now ?? (() => new Date()),
    {},
  );
}

/** A logger that writes nothing (for tests and embedding). */
export const silentLogger: Logger = createLogger({ level: 'silent', sink: () => undefined });

/**
 * Reads a log level from the environment (e.g. PARLEY_LOG_LEVEL): unset gives `fallback`; an
 * unknown value gives `fallback` and a warning to log, so a typo never silences or stops the app.
 */
export function logLevelFromEnv(
  value: string | undefined,
  fallback: LogLevel = 'info',
): { level: LogLevel; warning?: string } {
  if (value === undefined || value === '') return { level: fallback };
  const known = LOG_LEVELS.find((l) => l === value.trim().toLowerCase());
  if (known) return { level: known };
  return {
    level: fallback,
    warning: `Unknown log level ${JSON.stringify(value)}; using "${fallback}" (one of ${LOG_LEVELS.join(', ')})`,
  };
}
