import { describe, expect, it } from 'vitest';
import { SignalingOptionsError } from './errors';
import {
  DEFAULT_SIGNALING_OPTIONS,
  SIGNALING_OPTION_SPECS,
  normalizePath,
  validateSignalingOptions,
} from './options';

function issues(input: Record<string, unknown>): string[] {
  try {
    validateSignalingOptions(input);
  } catch (error) {
    if (error instanceof SignalingOptionsError)
      return error.issues.map((i) => `${i.option}: ${i.reason}`);
    throw error;
  }
  return [];
}

describe('validateSignalingOptions', () => {
  it('fills every default', () => {
    expect(validateSignalingOptions()).toEqual(DEFAULT_SIGNALING_OPTIONS);
    expect(validateSignalingOptions({ port: undefined })).toEqual(DEFAULT_SIGNALING_OPTIONS);
    expect(DEFAULT_SIGNALING_OPTIONS).toMatchObject({
      host: '0.0.0.0',
      port: 9000,
      path: '/',
      key: 'peerjs',
      aliveTimeout: 60_000,
      expireTimeout: 5_000,
      concurrentLimit: 5_000,
      allowDiscovery: false,
      maxPayload: 65_536,
      perIpLimit: 256,
    });
  });

  it('has a spec with a CLI name for every option', () => {
    expect(SIGNALING_OPTION_SPECS.map((s) => s.name).sort()).toEqual(
      Object.keys(DEFAULT_SIGNALING_OPTIONS).sort(),
    );
  });

  it('accepts snake_case names and CLI strings', () => {
    const o = validateSignalingOptions({
      alive_timeout: '1000',
      allow_discovery: 'true',
      concurrent_limit: 20_000,
      per_ip_limit: '0',
      path: 'signal',
    });
    expect(o).toMatchObject({
      aliveTimeout: 1000,
      allowDiscovery: true,
      concurrentLimit: 20_000,
      perIpLimit: 0,
      path: '/signal/',
    });
  });

  it('lists every problem, naming the option and the reason', () => {
    expect(
      issues({
        port: 65_536,
        aliveTimeout: 1.5,
        allowDiscovery: 'yes',
        key: 'a/b',
        host: 'not a host',
        path: '/a?b',
        maxPayload: 10,
        concurentLimit: 5,
        expireTimeout: '-1',
      }),
    ).toEqual([
      'port: must be at most 65535, got 65536',
      'aliveTimeout: must be an integer, got number 1.5',
      'allowDiscovery: must be true or false, got "yes"',
      'maxPayload: must be at least 1024, got 10',
      'concurentLimit: unknown option',
      'expireTimeout: must be an integer, got "-1"',
      'host: must be an IP address or a host name, got "not a host"',
      "path: must be a URL path of letters, digits, '.', '_', '~', '-' and '/', got \"/a?b\"",
      "key: must be 1-128 letters, digits, '.', '_', '~' or '-', got \"a/b\"",
    ]);
  });

  it('refuses an option given under both names, non-objects, and wrong types', () => {
    expect(issues({ aliveTimeout: 1000, alive_timeout: 1000 })).toEqual([
      'aliveTimeout: given twice (as aliveTimeout and alive_timeout)',
    ]);
    expect(issues({ port: null, key: 5, host: ['x'] })).toEqual([
      'port: must be an integer, got null',
      'key: must be a string, got number 5',
      'host: must be a string, got an array',
    ]);
    expect(() => validateSignalingOptions(null as unknown as Record<string, unknown>)).toThrow(
      SignalingOptionsError,
    );
    expect(() => validateSignalingOptions({ port: -1 })).toThrow(/port: must be at least 0/);
  });

  it('allows the limits a 20,000-peer benchmark needs', () => {
    expect(
      validateSignalingOptions({ concurrentLimit: 20_000, perIpLimit: 0, messageRate: 0 }),
    ).toMatchObject({
      concurrentLimit: 20_000,
    });
  });
});

describe('normalizePath', () => {
  it.each([
    ['/', '/'],
    ['', '/'],
    ['a', '/a/'],
    ['/a/b', '/a/b/'],
    ['//a//', '/a/'],
    ['/a/../b', undefined],
    ['/a b', undefined],
    ['/%2e', undefined],
  ])('%j → %j', (input, expected) => {
    expect(normalizePath(input)).toBe(expected);
  });
});
