/** Per-client token bucket state (two numbers, kept on the client object). */
export interface BucketState {
  tokens: number;
  refilledAt: number;
}

/**
 * Token-bucket rate limiter: `rate` tokens per second, at most `burst` saved up; each frame
 * takes one. Holds no per-client state itself and uses no timers.
 */
export class RateLimiter {
  private readonly perMs: number;

  /** @param rate tokens per second; 0 disables limiting. @param burst bucket size. */
  constructor(
    readonly rate: number,
    readonly burst: number,
  ) {
    this.perMs = rate / 1000;
  }

  get enabled(): boolean {
    return this.rate > 0;
  }

  /** Starts a full bucket. */
  init(state: BucketState, now: number): void {
    state.tokens = this.burst;
    state.refilledAt = now;
  }

  /** Takes one token; false when the bucket is empty (the frame is over the limit). */
  take(state: BucketState, now: number): boolean {
    if (this.rate === 0) return true;
    const elapsed = now - state.refilledAt;
    if (elapsed > 0) {
      state.tokens = Math.min(this.burst, state.tokens + elapsed * this.perMs);
      state.refilledAt = now;
    }
    if (state.tokens < 1) return false;
    state.tokens -= 1;
    return true;
  }
}
