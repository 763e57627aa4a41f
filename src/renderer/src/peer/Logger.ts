import { LogLevel } from './types';

type LogFunction = (level: LogLevel, ...rest: unknown[]) => void;

/** Level-filtered logging with PeerJS's prefix and levels; one per Peer (not a global). */
export class Logger {
  level: LogLevel;
  readonly #print: LogFunction;

  constructor(level: LogLevel = LogLevel.Disabled, print?: LogFunction) {
    this.level = level;
    this.#print = print ?? consolePrint;
  }

  log(...args: unknown[]): void {
    if (this.level >= LogLevel.All) this.#print(LogLevel.All, ...args);
  }

  warn(...args: unknown[]): void {
    if (this.level >= LogLevel.Warnings) this.#print(LogLevel.Warnings, ...args);
  }

  error(...args: unknown[]): void {
    if (this.level >= LogLevel.Errors) this.#print(LogLevel.Errors, ...args);
  }
}

function consolePrint(level: LogLevel, ...rest: unknown[]): void {
  const line = ['Parley peer:', ...rest];
  if (level >= LogLevel.All) console.log(...line);
  else if (level >= LogLevel.Warnings) console.warn(...line);
  else console.error(...line);
}
