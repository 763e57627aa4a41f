import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatBanner } from './banner';
import { UsageError } from './errors';
import { formatUrl, lanIPv4Addresses } from './lanAddresses';
import { loadIceConfig } from './loadIceConfig';
import { subjectAltNames } from './tls';

const dir = mkdtempSync(join(tmpdir(), 'parley-cli-test-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const info = (name: string, mac = '02:00:00:00:00:01') => ({
  mac,
  netmask: '255.255.255.0',
  cidr: null,
  scopeid: undefined,
  name,
});

describe('lanIPv4Addresses / formatUrl', () => {
  it('keeps non-internal IPv4 addresses only, once each', () => {
    const interfaces = {
      lo: [{ ...info('lo'), address: '127.0.0.1', family: 'IPv4' as const, internal: true }],
      eth0: [
        { ...info('eth0'), address: '192.168.1.5', family: 'IPv4' as const, internal: false },
        {
          ...info('eth0'),
          address: 'fe80::1',
          family: 'IPv6' as const,
          internal: false,
          scopeid: 2,
        },
      ],
      br0: [{ ...info('br0'), address: '192.168.1.5', family: 'IPv4' as const, internal: false }],
    };
    expect(lanIPv4Addresses(interfaces)).toEqual(['192.168.1.5']);
  });

  it('brackets IPv6 hosts', () => {
    expect(formatUrl('https', '::1', 443, '/')).toBe('https://[::1]:443/');
    expect(formatUrl('http', '10.0.0.2', 9000, '/rtc/')).toBe('http://10.0.0.2:9000/rtc/');
  });
});

describe('subjectAltNames', () => {
  it('names localhost, the host (and host.local) and every LAN address', () => {
    expect(subjectAltNames('box', ['192.168.1.5'])).toBe(
      'DNS:localhost,DNS:box,DNS:box.local,IP:127.0.0.1,IP:192.168.1.5',
    );
    expect(subjectAltNames('weird name!', [])).toBe('DNS:localhost,IP:127.0.0.1');
  });
});

describe('loadIceConfig', () => {
  it('reads both JSON shapes', async () => {
    const file = join(dir, 'ice.json');
    writeFileSync(file, JSON.stringify([{ urls: 'stun:a.lan' }]));
    expect(await loadIceConfig(file)).toEqual([{ urls: ['stun:a.lan'] }]);
  });

  it.each([
    ['missing.json', undefined, 'cannot read (ENOENT)'],
    ['broken.json', '{ nope', 'not valid JSON'],
    ['wrong.json', '{"iceServers":[{"urls":"http://x"}]}', 'iceServers[0].urls: must start with'],
  ])('%s → a UsageError naming the file', async (name, content, message) => {
    const file = join(dir, name);
    if (content !== undefined) writeFileSync(file, content);
    const error = await loadIceConfig(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toContain(`--ice-config ${file}: `);
    expect((error as UsageError).message).toContain(message);
  });
});

describe('formatBanner', () => {
  it('starts with the listening line and shows LAN URLs and the fingerprint', () => {
    const text = formatBanner({
      url: 'https://0.0.0.0:9000/',
      localUrl: 'https://127.0.0.1:9000/',
      lanUrls: ['https://192.168.1.5:9000/'],
      port: 9000,
      name: 'Standup',
      mdns: true,
      tls: { selfSigned: true, fingerprint256: 'AB:CD' },
    });
    expect(text.split('\n')[0]).toBe('Parley server listening on https://0.0.0.0:9000/');
    expect(text).toContain('LAN:      https://192.168.1.5:9000/');
    expect(text).toContain('self-signed certificate SHA-256 AB:CD');
    expect(text).toContain('"Standup" (advertised on the LAN by mDNS)');
  });
});
