import { describe, expect, it } from 'vitest';
import { IceConfigError, parseIceUrl, validateIceServer, validateIceServers } from './ice';

describe('parseIceUrl', () => {
  it.each([
    ['stun:stun.example.org', { scheme: 'stun', host: 'stun.example.org' }],
    ['stun:192.168.1.2:3478', { scheme: 'stun', host: '192.168.1.2', port: 3478 }],
    ['stuns:[2001:db8::1]:5349', { scheme: 'stuns', host: '2001:db8::1', port: 5349 }],
    [
      'turn:turn.lan:3478?transport=udp',
      { scheme: 'turn', host: 'turn.lan', port: 3478, transport: 'udp' },
    ],
    ['TURNS:turn.lan?transport=TCP', { scheme: 'turns', host: 'turn.lan', transport: 'tcp' }],
  ])('parses %s', (url, expected) => {
    expect(parseIceUrl(url)).toEqual(expected);
  });

  it.each([
    ['http://stun.example.org', 'must start with stun:'],
    ['stun://stun.example.org', 'must not contain "//"'],
    ['stun:', 'invalid host'],
    ['stun:bad_host', 'invalid host'],
    ['stun:host:0', 'invalid port'],
    ['stun:host:70000', 'invalid port'],
    ['stun:host:12ab', 'invalid port'],
    ['stun:2001:db8::1', 'needs brackets'],
    ['stun:[2001:db8::1', 'unclosed'],
    ['stun:[nothex]', 'invalid IPv6'],
    ['stun:host?transport=udp', 'STUN URLs take no query'],
    ['turn:host?transport=sctp', 'query must be'],
    ['', 'must be 1-512'],
  ])('rejects %j', (url, reason) => {
    expect(() => parseIceUrl(url, 'x')).toThrow(reason);
  });

  it('names the path in the error', () => {
    try {
      parseIceUrl('ftp:x', 'iceServers[2].urls[1]');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(IceConfigError);
      expect((err as IceConfigError).path).toBe('iceServers[2].urls[1]');
      expect((err as IceConfigError).type).toBe('invalid-ice-config');
    }
  });
});

describe('validateIceServers', () => {
  it('accepts both shapes and normalizes urls to an array', () => {
    const servers = [
      { urls: 'stun:stun.lan' },
      { urls: ['turn:t.lan?transport=udp', 'turns:t.lan:5349'], username: 'u', credential: 'p' },
    ];
    const expected = [
      { urls: ['stun:stun.lan'] },
      { urls: ['turn:t.lan?transport=udp', 'turns:t.lan:5349'], username: 'u', credential: 'p' },
    ];
    expect(validateIceServers(servers)).toEqual(expected);
    expect(validateIceServers({ iceServers: servers })).toEqual(expected);
    expect(validateIceServers([])).toEqual([]);
  });

  it.each([
    [{ urls: 'turn:t.lan' }, 'iceServers[0]: a TURN server needs both'],
    [{ urls: 'turn:t.lan', username: 'u' }, 'needs both'],
    [{ urls: [] }, 'iceServers[0].urls: must be a URL or a non-empty array'],
    [{ urls: [42] }, 'iceServers[0].urls[0]: must be a string'],
    [{ urls: Array.from({ length: 17 }, () => 'stun:a') }, 'iceServers[0].urls: at most 16 URLs'],
    [{ urls: 'stun:a', username: 7 }, 'iceServers[0].username: must be a string'],
    [{ urls: 'stun:a', extra: 1 }, 'iceServers[0].extra: unknown field'],
    [{ urls: 'stun:a', credentialType: 'oauth' }, 'only "password"'],
    ['stun:a', 'iceServers[0]: must be an object'],
  ])('rejects %j', (server, message) => {
    expect(() => validateIceServers([server])).toThrow(message);
  });

  it('rejects a non-array and too many servers', () => {
    expect(() => validateIceServers({ servers: [] })).toThrow('must be an array');
    expect(() => validateIceServers(null)).toThrow('must be an array');
    const many = Array.from({ length: 33 }, () => ({ urls: 'stun:a' }));
    expect(() => validateIceServers(many)).toThrow('at most 32');
  });

  it('validateIceServer keeps credentials of a STUN server', () => {
    expect(validateIceServer({ urls: 'stun:a', username: 'u', credential: 'p' })).toEqual({
      urls: ['stun:a'],
      username: 'u',
      credential: 'p',
    });
  });
});
