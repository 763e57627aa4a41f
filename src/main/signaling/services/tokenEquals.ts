import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares two tokens in constant time. Both are hashed first (SHA-256), so the compared
 * buffers always have equal length and neither the content nor the length of the stored token
 * leaks through timing.
 */
export function tokenEquals(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}
