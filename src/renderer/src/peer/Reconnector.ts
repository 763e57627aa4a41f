export interface ReconnectorOptions {
  /** First delay in ms; doubled after every failed attempt. */
  initialDelay: number;
  /** Largest delay in ms. */
  maxDelay: number;
}

/**
 * Exponential backoff with ±25% jitter for re-registering with the server: schedule() after
 * each failure, reset() once registered, cancel() when the user takes over.
 */
export class Reconnector {
  readonly #options: ReconnectorOptions;
  readonly #attempt: () => void;
  #delay: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #active = false;

  constructor(options: ReconnectorOptions, attempt: () => void) {
    this.#options = options;
    this.#attempt = attempt;
    this.#delay = options.initialDelay;
  }

  /** True between the first schedule() and reset()/cancel(). */
  get active(): boolean {
    return this.#active;
  }

  /** Runs the next attempt after the current delay, then doubles the delay. */
  schedule(): void {
    this.#active = true;
    clearTimeout(this.#timer);
    const delay = this.#delay * (0.75 + Math.random() * 0.5);
    this.#delay = Math.min(this.#delay * 2, this.#options.maxDelay);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.#active) this.#attempt();
    }, delay);
  }

  /** Registered again: stop and start over from the initial delay next time. */
  reset(): void {
    this.cancel();
    this.#delay = this.#options.initialDelay;
  }

  /** Stops any pending attempt. */
  cancel(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#active = false;
  }
}
