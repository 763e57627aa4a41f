/** What went wrong, as a stable string (for logs, tests and callers that branch on it). */
export type SignalingErrorType =
  'invalid-options' | 'listen-failed' | 'server-error' | 'handler-failed';

/** An error of the signaling server. All server errors go out through the 'error' event. */
export class SignalingError extends Error {
  override readonly name: string = 'SignalingError';

  constructor(
    readonly type: SignalingErrorType,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** One rejected option: which one, and why. */
export interface OptionIssue {
  /** The option's camelCase name (or the unknown key as given). */
  readonly option: string;
  readonly reason: string;
}

/** Thrown by `validateSignalingOptions` (and so by start/attach) when options are invalid. */
export class SignalingOptionsError extends SignalingError {
  override readonly name = 'SignalingOptionsError';

  constructor(readonly issues: readonly OptionIssue[]) {
    super(
      'invalid-options',
      `Invalid signaling server options: ${issues.map((i) => `${i.option}: ${i.reason}`).join('; ')}`,
    );
  }
}
