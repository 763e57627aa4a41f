/**
 * SIGINT/SIGTERM handling of `parley serve`: the first signal asks for a graceful stop
 * (`requested` resolves), a second one exits at once. Install it before anything is printed:
 * a signal that arrives before the handler is in place kills the process outright.
 */
import type { Logger } from '../logging';

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

export class ShutdownSignals {
  /** Resolves with the first signal received. */
  readonly requested: Promise<NodeJS.Signals>;
  private resolve: ((signal: NodeJS.Signals) => void) | undefined;
  private received = false;

  constructor(
    private readonly logger: Logger,
    private readonly forceExit: (code: number) => void = (code) => process.exit(code),
  ) {
    this.requested = new Promise((resolve) => {
      this.resolve = resolve;
    });
  }

  install(): void {
    for (const signal of SIGNALS) process.on(signal, this.onSignal);
  }

  dispose(): void {
    for (const signal of SIGNALS) process.off(signal, this.onSignal);
  }

  private readonly onSignal = (signal: NodeJS.Signals): void => {
    if (this.received) {
      this.logger.warn('second signal: exiting without a graceful stop', { signal });
      this.forceExit(signal === 'SIGINT' ? 130 : 143);
      return;
    }
    this.received = true;
    this.resolve?.(signal);
  };
}
