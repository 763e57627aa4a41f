import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, MeetingCode, MeetingCodeError } from './MeetingCode';

describe('MeetingCode', () => {
  it('generates readable codes xxx-xxxx-xxx from the unambiguous alphabet', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i += 1) {
      const code = MeetingCode.generate();
      expect(code).toMatch(/^[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
      expect(code).not.toMatch(/[ilo]/);
      seen.add(code);
    }
    expect(seen.size).toBe(200);
    expect(CODE_ALPHABET).toHaveLength(23);
  });

  it('rejects biased random words (rejection sampling)', () => {
    let calls = 0;
    const random = (b: Uint32Array<ArrayBuffer>): Uint32Array => {
      calls += 1;
      b.fill(calls === 1 ? 0xffff_ffff : 0);
      return b;
    };
    expect(MeetingCode.generate(random)).toBe('aaa-aaaa-aaa');
    expect(calls).toBe(2);
  });

  it('derives the same valid code from the same seed everywhere', () => {
    const a = MeetingCode.fromSeed('Team room._parley._tcp.local');
    expect(MeetingCode.parse(a)).toBe(a);
    expect(MeetingCode.fromSeed('Team room._parley._tcp.local')).toBe(a);
    expect(MeetingCode.fromSeed('Other room._parley._tcp.local')).not.toBe(a);
  });

  it('normalizes case, spaces and dashes', () => {
    for (const input of [
      'abc-defg-hjk',
      ' ABC DEFG HJK ',
      'abcdefghjk',
      'Abc_Defg.Hjk',
      'abc--defg-hjk',
    ])
      expect(MeetingCode.parse(input)).toBe('abc-defg-hjk');
  });

  it('reads app and web links', () => {
    expect(MeetingCode.parseLink('parley://join/abc-defg-hjk')).toEqual({ code: 'abc-defg-hjk' });
    expect(MeetingCode.parseLink('https://192.168.1.20:9000/#/join/ABCDEFGHJK')).toEqual({
      code: 'abc-defg-hjk',
      serverOrigin: 'https://192.168.1.20:9000',
    });
    expect(MeetingCode.parseLink('http://localhost:9000#/join/abc-defg-hjk').serverOrigin).toBe(
      'http://localhost:9000',
    );
  });

  it('explains what is wrong with bad input', () => {
    const message = (input: string): string => {
      try {
        MeetingCode.parse(input);
      } catch (e) {
        expect(e).toBeInstanceOf(MeetingCodeError);
        expect((e as MeetingCodeError).type).toBe('invalid-code');
        return (e as Error).message;
      }
      throw new Error(`accepted ${input}`);
    };
    expect(message('')).toMatch(/Enter a meeting code/);
    expect(message('abc-defg')).toMatch(/10 letters.*this has 7/);
    expect(message('abc-defg-hjkm')).toMatch(/this has 11/);
    expect(message('abc-def1-hjk')).toMatch(/“1” can't be in a meeting code/);
    expect(message('abc-defl-hjk')).toMatch(/never use i, l or o/);
    expect(message('https://example.com/meet/abc')).toMatch(/not a Parley meeting link/);
    expect(message('<script>')).toMatch(/can't be in a meeting code/);
  });

  it('derives peer ids, room id and links', () => {
    expect(MeetingCode.anchorPeerId('ABC DEFG HJK')).toBe('parley-abcdefghjk');
    expect(MeetingCode.participantPeerId('abc-defg-hjk', 'X1y2')).toBe('parley-abcdefghjk-x1y2');
    expect(() => MeetingCode.participantPeerId('abc-defg-hjk', 'bad id')).toThrow(MeetingCodeError);
    expect(MeetingCode.roomId('abc-defg-hjk')).toBe('abcdefghjk');
    expect(MeetingCode.appLink('abcdefghjk')).toBe('parley://join/abc-defg-hjk');
    expect(MeetingCode.webLink('abcdefghjk', 'http://10.0.0.2:9000/')).toBe(
      'http://10.0.0.2:9000/#/join/abc-defg-hjk',
    );
    expect(MeetingCode.parse(MeetingCode.webLink('abcdefghjk', 'http://h:1'))).toBe('abc-defg-hjk');
  });
});
