import { describe, expect, it } from 'vitest';
import { RateLimiter, type BucketState } from './RateLimiter';

describe('RateLimiter', () => {
  it('allows a burst, then the sustained rate', () => {
    const limiter = new RateLimiter(10, 3);
    const state: BucketState = { tokens: 0, refilledAt: 0 };
    limiter.init(state, 1_000);
    expect([1, 2, 3, 4].map(() => limiter.take(state, 1_000))).toEqual([true, true, true, false]);
    expect(limiter.take(state, 1_050)).toBe(false); // half a token
    expect(limiter.take(state, 1_100)).toBe(true); // 100 ms = 1 token
    expect(limiter.take(state, 1_100)).toBe(false);
  });

  it('never saves more than the burst', () => {
    const limiter = new RateLimiter(100, 2);
    const state: BucketState = { tokens: 0, refilledAt: 0 };
    limiter.init(state, 0);
    expect(limiter.take(state, 60_000)).toBe(true);
    expect(limiter.take(state, 60_000)).toBe(true);
    expect(limiter.take(state, 60_000)).toBe(false);
  });

  it('ignores a clock going backwards', () => {
    const limiter = new RateLimiter(1, 1);
    const state: BucketState = { tokens: 0, refilledAt: 0 };
    limiter.init(state, 5_000);
    expect(limiter.take(state, 5_000)).toBe(true);
    expect(limiter.take(state, 1_000)).toBe(false);
  });

  it('rate 0 is off', () => {
    const limiter = new RateLimiter(0, 1);
    const state: BucketState = { tokens: 0, refilledAt: 0 };
    limiter.init(state, 0);
    expect(limiter.enabled).toBe(false);
    for (let i = 0; i < 1_000; i += 1) expect(limiter.take(state, 0)).toBe(true);
  });
});
