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
      server: { host: '192.168.1.20', port: 9000, path: '/', key: 'peerjs', secure: true },
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

  it('derives the room id and links', () => {
    expect(MeetingCode.roomId('abc-defg-hjk')).toBe('abcdefghjk');
    expect(MeetingCode.appLink('abcdefghjk')).toBe('parley://join/abc-defg-hjk');
    expect(MeetingCode.webLink('abcdefghjk', 'http://10.0.0.2:9000/')).toBe(
      'http://10.0.0.2:9000/#/join/abc-defg-hjk',
    );
    expect(MeetingCode.parse(MeetingCode.webLink('abcdefghjk', 'http://h:1'))).toBe('abc-defg-hjk');
  });
});

describe('links that name the server', () => {
  const server = { host: '192.168.1.20', port: 9000, path: '/', key: 'peerjs', secure: false };

  it('parley:// links carry the server, every field checked', () => {
    const link = MeetingCode.appLink('abcdefghjk', server);
    expect(link).toBe(
      'parley://join/abc-defg-hjk?host=192.168.1.20&port=9000&path=%2F&key=peerjs&secure=0',
    );
    expect(MeetingCode.parseLink(link)).toEqual({ code: 'abc-defg-hjk', server });
    expect(MeetingCode.parseLink(' parley://join/ABC-DEFG-HJK/?host=pc.local&port=1 ')).toEqual({
      code: 'abc-defg-hjk',
      server: { host: 'pc.local', port: 1, path: '/', key: 'peerjs', secure: false },
    });
    for (const bad of [
      'parley://join/abc-defg-hjk?host=1.2.3.4',
      'parley://join/abc-defg-hjk?host=1.2.3.4&port=70000',
      'parley://join/abc-defg-hjk?host=a/b&port=1',
      'parley://join/abc-defg-hjk?host=1.2.3.4&port=1&path=/..',
      'parley://join/abc-defg-hjk?host=1.2.3.4&port=1&other=x',
      'parley://join/abc-defg-hjk?host=1.2.3.4&port=1&key=%3Cscript%3E',
    ]) {
      expect(() => MeetingCode.parseLink(bad), bad).toThrow(MeetingCodeError);
    }
    expect(() => MeetingCode.appLink('abcdefghjk', { ...server, port: 0 })).toThrow();
  });

  it('http(s) links give the server of the page, in its folder', () => {
    expect(
      MeetingCode.parseLink('http://10.0.0.5:8080/meet/index.html#/join/abc-defg-hjk'),
    ).toEqual({
      code: 'abc-defg-hjk',
      serverOrigin: 'http://10.0.0.5:8080',
      server: { host: '10.0.0.5', port: 8080, path: '/meet/', key: 'peerjs', secure: false },
    });
    expect(MeetingCode.parseLink('https://[fe80::2]/#/join/abc-defg-hjk').server).toEqual({
      host: 'fe80::2',
      port: 443,
      path: '/',
      key: 'peerjs',
      secure: true,
    });
    expect(() => MeetingCode.parseLink('http://a b:1/#/join/abc-defg-hjk')).toThrow(
      MeetingCodeError,
    );
  });

  it("reads the server's redirect form …/join/<code> too", () => {
    expect(MeetingCode.parseLink('http://10.0.0.5:8080/rtc/join/ABC-DEFG-HJK')).toEqual({
      code: 'abc-defg-hjk',
      serverOrigin: 'http://10.0.0.5:8080',
      server: { host: '10.0.0.5', port: 8080, path: '/rtc/', key: 'peerjs', secure: false },
    });
    expect(MeetingCode.parseLink('https://pc.local:9443/join/abc-defg-hjk/').server).toMatchObject({
      host: 'pc.local',
      port: 9443,
      path: '/',
      secure: true,
    });
    expect(() => MeetingCode.parseLink('http://10.0.0.5/join/abc/def')).toThrow(MeetingCodeError);
  });
});
