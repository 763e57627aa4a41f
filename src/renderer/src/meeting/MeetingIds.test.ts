import { describe, expect, it } from 'vitest';
import { MeetingIds } from './MeetingIds';

describe('MeetingIds', () => {
  it('derives the same prefix from any spelling of a code, and different ones per code', () => {
    const p = MeetingIds.prefix('abc-defg-hjk');
    expect(MeetingIds.prefix('ABC DEFG HJK')).toBe(p);
    expect(MeetingIds.prefix('abcdefghjk')).toBe(p);
    expect(MeetingIds.prefix('abc-defg-hjm')).not.toBe(p);
    expect(p).toMatch(/^parley-[0-9a-f]{16}-$/);
  });

  it('does not spell the code out in ids (the server lists them)', () => {
    const id = MeetingIds.peerId('abc-defg-hjk', 'x1y2z3');
    expect(id).not.toContain('abcdefghjk');
    expect(id.length).toBeLessThanOrEqual(64);
  });

  it('recognises members by prefix and suffix shape', () => {
    const prefix = MeetingIds.prefix('abc-defg-hjk');
    const other = MeetingIds.prefix('xyz-defg-hjk');
    const id = `${prefix}${MeetingIds.randomSuffix()}`;
    expect(MeetingIds.isMember(id, prefix)).toBe(true);
    expect(MeetingIds.isMember(id, other)).toBe(false);
    expect(MeetingIds.isMember(`${prefix}UPPER`, prefix)).toBe(false);
    expect(MeetingIds.isMember(`${prefix}a-b`, prefix)).toBe(false);
    expect(MeetingIds.isMember(prefix, prefix)).toBe(false);
  });

  it('makes random 12-character suffixes', () => {
    const a = MeetingIds.randomSuffix();
    expect(a).toMatch(/^[a-z0-9]{12}$/);
    expect(MeetingIds.randomSuffix()).not.toBe(a);
    expect(() => MeetingIds.peerId('abc-defg-hjk', 'no!')).toThrow(RangeError);
  });

  it('parses codes without throwing', () => {
    expect(MeetingIds.parseCode('ABCDEFGHJK')).toEqual({ code: 'abc-defg-hjk' });
    const bad = MeetingIds.parseCode('hello');
    expect(bad.code).toBe('hello');
    expect(bad.error?.type).toBe('invalid-code');
  });
});
