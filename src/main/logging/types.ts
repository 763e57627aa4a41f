/** Severity of a log line, lowest first. `silent` turns a logger off. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** Structured fields attached to a log line (serialized as JSON). */
export type LogFields = Readonly<Record<string, unknown>>;

/** A structured logger: one JSON object per line (time, level, msg, fields). */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** True when lines of this level are written (to skip building costly fields). */
  enabled(level: Exclude<LogLevel, 'silent'>): boolean;
  /** A logger that adds `fields` to every line (child fields override the parent's). */
  child(fields: LogFields): Logger;
}
