/** Errors of the command line. */

/** A bad command line or configuration: printed as one line plus the usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly type = 'usage';
}

/** The server could not start (port taken, unreadable certificate, …): exit code 1. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
  readonly type = 'startup';
}
