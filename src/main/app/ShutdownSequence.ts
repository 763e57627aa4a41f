/**
 * Closes services in order on quit. Each step gets a time limit so one stuck service cannot keep
 * the app from exiting; failures are logged and the next step still runs. Runs once.
 */
import type { Logger } from '../logging';

export type ShutdownStep = readonly [name: string, close: () => unknown];

export class ShutdownSequence {
  readonly #logger: Logger;
  readonly #steps: readonly ShutdownStep[];
  readonly #stepTimeoutMs: number;
  #run: Promise<void> | null = null;
  #done = false;

  /** @param stepTimeoutMs limit per step, default 3000 ms */
  constructor(logger: Logger, steps: readonly ShutdownStep[], stepTimeoutMs = 3000) {
    this.#logger = logger;
    this.#steps = steps;
    this.#stepTimeoutMs = stepTimeoutMs;
  }

  /** True once every step has finished (or timed out). */
  get done(): boolean {
    return this.#done;
  }

  /** Runs the steps in order; repeated calls share one run. Never rejects. */
  run(): Promise<void> {
    this.#run ??= this.#runSteps();
    return this.#run;
  }

  async #runSteps(): Promise<void> {
    for (const [name, close] of this.#steps) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => {
          resolve('timeout');
        }, this.#stepTimeoutMs);
      });
      try {
        const outcome = await Promise.race([Promise.resolve().then(close), timeout]);
        if (outcome === 'timeout')
          this.#logger.warn('shutdown step timed out', { step: name, ms: this.#stepTimeoutMs });
      } catch (error) {
        this.#logger.error('shutdown step failed', { step: name, error });
      } finally {
        clearTimeout(timer);
      }
    }
    this.#done = true;
    this.#logger.info('shutdown complete');
  }
}
