import { describe, expect, it } from 'vitest';
import { PeerError } from './errors';
import { CLOUD_HOST, DEFAULT_CONFIG, resolvePeerOptions } from './PeerOptions';

describe('resolvePeerOptions', () => {
  it('applies the PeerJS defaults when nothing is given', () => {
    const options = resolvePeerOptions({});
    expect(options).toMatchObject({
      host: CLOUD_HOST,
      port: 443,
      path: '/',
      key: 'peerjs',
      secure: true,
      config: DEFAULT_CONFIG,
      pingInterval: 5000,
      debug: 0,
      referrerPolicy: 'strict-origin-when-cross-origin',
      connectTimeout: 30_000,
      autoReconnect: true,
    });
    expect(options.token).toMatch(/^[a-z0-9]+$/);
  });

  it('normalises the path and keeps what Parley passes', () => {
    const options = resolvePeerOptions({
      host: '192.168.1.5',
      port: 9000,
      path: 'meet',
      secure: false,
      config: { iceServers: [] },
    });
    expect(options).toMatchObject({
      host: '192.168.1.5',
      port: 9000,
      path: '/meet/',
      secure: false,
      config: { iceServers: [] },
    });
  });
});

describe('PeerError', () => {
  it('carries type, name, peer and cause', () => {
    const cause = new Error('inner');
    const error = new PeerError('peer-unavailable', 'gone', { cause, peer: 'bob' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('PeerError');
    expect(error.type).toBe('peer-unavailable');
    expect(error.peer).toBe('bob');
    expect(error.cause).toBe(cause);
    expect(error.message).toBe('gone');
  });
});
