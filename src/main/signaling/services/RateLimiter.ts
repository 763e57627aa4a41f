/**
 * Per-client token bucket state (two numbers, kept on the client object). `tokens` counts
 * thousandths of a token, so with integer clocks both stay small integers, which V8 stores
 * inline in the object (a fractional number would be a separate 16-byte heap object).
 */
export interface BucketState {
  tokens: number;
  refilledAt: number;
}

/** Units of `BucketState.tokens` per token. */
const MILLI = 1000;

/**
 * Token-bucket rate limiter: `rate` tokens per second, at most `burst` saved up; each frame
 * takes one. Holds no per-client state itself and uses no timers.
 */
export class RateLimiter {
  private readonly capacity: number;

  /** @param rate tokens per second; 0 disables limiting. @param burst bucket size. */
  constructor(
    readonly rate: number,
    readonly burst: number,
  ) {
    this.capacity = burst * MILLI;
  }

  get enabled(): boolean {
    return this.rate > 0;
  }

  /** Starts a full bucket. */
  init(state: BucketState, now: number): void {
    state.tokens = this.capacity;
    state.refilledAt = now;
  }

  /** Takes one token; false when the bucket is empty (the frame is over the limit). */
  take(state: BucketState, now: number): boolean {
    if (this.rate === 0) return true;
    const elapsed = now - state.refilledAt;
    if (elapsed > 0) {
      // `rate` tokens per second = `rate` thousandths of a token per ms.
      state.tokens = Math.min(this.capacity, state.tokens + elapsed * this.rate);
      state.refilledAt = now;
    }
    if (state.tokens < MILLI) return false;
    state.tokens -= MILLI;
    return true;
  }
}
