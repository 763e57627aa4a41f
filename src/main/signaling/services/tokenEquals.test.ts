import { describe, expect, it } from 'vitest';
import { tokenEquals } from './tokenEquals';

describe('tokenEquals', () => {
  it('is true only for identical tokens, whatever the lengths', () => {
    expect(tokenEquals('abc123', 'abc123')).toBe(true);
    expect(tokenEquals('abc124', 'abc123')).toBe(false);
    expect(tokenEquals('abc', 'abc123')).toBe(false);
    expect(tokenEquals('abc123456', 'abc123')).toBe(false);
    expect(tokenEquals('', 'x')).toBe(false);
    expect(tokenEquals('é', 'é')).toBe(true);
  });
});
