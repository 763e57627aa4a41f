import { describe, expect, it } from 'vitest';
import { MeetingCode } from './MeetingCode';
import { isLoopback, shareLink } from './shareLink';

const code = 'abc-defg-hjk';
const own = { host: '127.0.0.1', port: 9000, path: '/', key: 'peerjs', secure: false };
const appPage = {
  protocol: 'app:',
  origin: 'app://parley',
  pathname: '/',
  hostname: 'parley',
  port: '',
};

describe('shareLink', () => {
  it("names the app's own server at its LAN address, not loopback", () => {
    const link = shareLink(code, own, { lanAddresses: ['192.168.1.20'], page: appPage });
    expect(MeetingCode.parseLink(link)).toEqual({ code, server: { ...own, host: '192.168.1.20' } });
  });

  it('names another server as it is', () => {
    const lan = { ...own, host: '192.168.1.40', port: 9100, key: 'k' };
    const link = shareLink(code, lan, { lanAddresses: ['192.168.1.20'], page: appPage });
    expect(MeetingCode.parseLink(link)).toEqual({ code, server: lan });
  });

  it("gives the page's own web link in a browser on the meeting's server", () => {
    const page = {
      protocol: 'https:',
      origin: 'https://192.168.1.20:9443',
      pathname: '/',
      hostname: '192.168.1.20',
      port: '9443',
    };
    const server = { ...own, host: '192.168.1.20', port: 9443, secure: true };
    expect(shareLink(code, server, { lanAddresses: [], page })).toBe(
      'https://192.168.1.20:9443/#/join/abc-defg-hjk',
    );
    // A meeting on another server: the app link naming that server.
    const other = { ...own, host: '192.168.1.40' };
    expect(shareLink(code, other, { lanAddresses: [], page })).toMatch(
      /^parley:\/\/join\/.*host=192\.168\.1\.40/,
    );
  });

  it('falls back to the bare code link without a server', () => {
    expect(shareLink(code, undefined, { lanAddresses: [] })).toBe('parley://join/abc-defg-hjk');
  });

  it('knows loopback hosts', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])
      expect(isLoopback(h)).toBe(true);
    for (const h of ['192.168.1.2', 'pc.local', '::2']) expect(isLoopback(h)).toBe(false);
  });
});
