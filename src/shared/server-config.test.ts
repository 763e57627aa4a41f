import { describe, expect, it } from 'vitest';
import { IceConfigError } from './ice';
import { SERVER_KEY_PATTERN, parseServerConfigBody } from './server-config';

describe('parseServerConfigBody', () => {
  it('keeps every field that passes its check', () => {
    expect(
      parseServerConfigBody({
        iceServers: [{ urls: 'stun:stun.lan:3478' }],
        path: '/rtc/',
        key: 'mykey',
        meeting: { id: 'Parley on pc._parley._tcp.local', name: 'Parley on pc' },
      }),
    ).toEqual({
      iceServers: [{ urls: ['stun:stun.lan:3478'] }],
      path: '/rtc/',
      key: 'mykey',
      meeting: { id: 'Parley on pc._parley._tcp.local', name: 'Parley on pc' },
    });
  });

  it('drops what is malformed and reads nonsense as "nothing said"', () => {
    expect(
      parseServerConfigBody({ path: '/../x', key: 'a b', meeting: { id: ' ', name: 'x' } }),
    ).toEqual({ iceServers: [] });
    expect(parseServerConfigBody(null)).toEqual({ iceServers: [] });
    expect(parseServerConfigBody('text')).toEqual({ iceServers: [] });
  });

  it('refuses invalid ICE servers', () => {
    expect(() => parseServerConfigBody({ iceServers: [{ urls: 'http://x' }] })).toThrow(
      IceConfigError,
    );
  });

  it('shares the PeerJS key rule', () => {
    expect(SERVER_KEY_PATTERN.test('peerjs')).toBe(true);
    expect(SERVER_KEY_PATTERN.test('')).toBe(false);
    expect(SERVER_KEY_PATTERN.test('a/b')).toBe(false);
  });
});
