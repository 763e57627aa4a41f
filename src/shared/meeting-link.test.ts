import { describe, expect, it } from 'vitest';
import {
  formatServerQuery,
  isValidHost,
  LinkServerError,
  normalizeServerPath,
  parseServerQuery,
  validateLinkServer,
} from './meeting-link';

describe('meeting link server part', () => {
  it('accepts IPv4, IPv6 and DNS names, nothing else', () => {
    for (const ok of [
      '192.168.1.20',
      '10.0.0.1',
      'fe80::1',
      '::1',
      '2001:db8::8a2e:370:7334',
      'pc.local',
      'host-1',
    ])
      expect(isValidHost(ok), ok).toBe(true);
    for (const bad of [
      '',
      '256.1.1.1',
      '1.2.3',
      'a_b',
      'a..b',
      '-a.b',
      'evil.example/x',
      'a b',
      'h@x',
      'fe80::1%eth0',
      'x'.repeat(254),
      ':::',
    ])
      expect(isValidHost(bad), bad).toBe(false);
  });

  it('reads a query with defaults, and round-trips what it formats', () => {
    expect(parseServerQuery('')).toBeUndefined();
    expect(parseServerQuery('?host=10.0.0.2&port=9000')).toEqual({
      host: '10.0.0.2',
      port: 9000,
      path: '/',
      key: 'peerjs',
      secure: false,
    });
    const server = { host: 'fe80::1', port: 443, path: '/a/b/', key: 'k.e_y~', secure: true };
    expect(parseServerQuery(formatServerQuery(server))).toEqual(server);
    expect(parseServerQuery('host=%5B::1%5D&port=1&secure=true')).toMatchObject({
      host: '::1',
      secure: true,
    });
  });

  it('rejects every bad field with a message fit to show', () => {
    for (const q of [
      'port=9000',
      'host=1.2.3.4',
      'host=1.2.3.4&port=-1',
      'host=1.2.3.4&port=123456',
      'host=1.2.3.4&port=9000&path=/../x',
      'host=1.2.3.4&port=9000&path=/a%3Fb',
      'host=1.2.3.4&port=9000&key=',
      'host=1.2.3.4&port=9000&key=a/b',
      'host=1.2.3.4&port=9000&secure=2',
      'host=1.2.3.4&host=5.6.7.8&port=9000',
      'host=1.2.3.4&port=9000&evil=1',
      'host=%ZZ&port=9000',
      `host=${'a'.repeat(1100)}&port=1`,
    ]) {
      expect(() => parseServerQuery(q), q).toThrow(LinkServerError);
    }
  });

  it('validates a server object field by field', () => {
    const ok = { host: '10.0.0.2', port: 9000, path: '/x', key: 'peerjs', secure: false };
    expect(validateLinkServer(ok)).toEqual({ ...ok, path: '/x/' });
    for (const bad of [
      null,
      'x',
      { ...ok, port: 1.5 },
      { ...ok, port: '9000' },
      { ...ok, secure: 'no' },
      { ...ok, key: 1 },
      { ...ok, host: 'a b' },
    ])
      expect(() => validateLinkServer(bad)).toThrow(LinkServerError);
    expect(normalizeServerPath('a/b')).toBe('/a/b/');
    expect(normalizeServerPath('/')).toBe('/');
  });
});
