/** Why a benchmark could not run (not a missed target: those are results). */
export class BenchError extends Error {
  override readonly name = 'BenchError';

  constructor(
    /** Stable kind: 'child-start', 'child-exit', 'rpc-timeout', 'rpc-failed', 'bad-flag', 'load'. */
    readonly type:
      'child-start' | 'child-exit' | 'rpc-timeout' | 'rpc-failed' | 'bad-flag' | 'load',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
