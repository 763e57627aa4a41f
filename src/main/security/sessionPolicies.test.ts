/**
 * The real installAppProtocol / installSessionPolicies on a recording fake session: the handlers
 * Electron would get are called as Electron calls them, and app:// serves real files from disk.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, silentLogger } from '../logging';
import { APP_ORIGIN, APP_SCHEME } from './appProtocol';
import { buildContentSecurityPolicy } from './csp';
import {
  installAppProtocol,
  installSessionPolicies,
  type PolicySession,
  type ProtocolSession,
} from './sessionPolicies';

type RequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: Record<string, unknown>,
) => void;
type CheckHandler = (
  contents: unknown,
  permission: string,
  origin: string,
  details: Record<string, unknown>,
) => boolean;
type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;

function fakeSession() {
  const installed: {
    request?: RequestHandler;
    check?: CheckHandler;
    device?: (details: unknown) => boolean;
    headers?: HeadersListener;
  } = {};
  const session = {
    setPermissionRequestHandler: (h: RequestHandler) => (installed.request = h),
    setPermissionCheckHandler: (h: CheckHandler) => (installed.check = h),
    setDevicePermissionHandler: (h: (details: unknown) => boolean) => (installed.device = h),
    webRequest: { onHeadersReceived: (l: HeadersListener) => (installed.headers = l) },
  };
  return { session: session as unknown as PolicySession, installed };
}

describe('installSessionPolicies', () => {
  const lines: string[] = [];
  const { session, installed } = fakeSession();
  installSessionPolicies(session, [APP_ORIGIN], createLogger({ sink: (l) => lines.push(l) }));
  const ours = 'app://parley/index.html';
  const request = (permission: string, details: Record<string, unknown>) => {
    let granted: boolean | undefined;
    installed.request!(null, permission, (g) => (granted = g), details);
    return granted;
  };

  it('installs every handler', () => {
    expect(installed.request).toBeTypeOf('function');
    expect(installed.check).toBeTypeOf('function');
    expect(installed.device).toBeTypeOf('function');
    expect(installed.headers).toBeTypeOf('function');
  });

  it('request handler: media of the asked kinds, display capture and clipboard writes for us only', () => {
    expect(request('media', { requestingUrl: ours, mediaTypes: ['audio', 'video'] })).toBe(true);
    expect(request('display-capture', { requestingUrl: ours, mediaTypes: ['video'] })).toBe(true);
    expect(request('clipboard-sanitized-write', { requestingUrl: ours })).toBe(true);
    expect(request('clipboard-read', { requestingUrl: ours })).toBe(false);
    expect(request('notifications', { requestingUrl: ours })).toBe(false);
    expect(request('openExternal', { requestingUrl: ours, externalURL: 'https://x.org' })).toBe(
      false,
    );
    expect(request('media', { requestingUrl: 'http://evil.lan/', mediaTypes: ['audio'] })).toBe(
      false,
    );
    expect(request('display-capture', { requestingUrl: 'http://evil.lan/' })).toBe(false);
    expect(request('clipboard-sanitized-write', { requestingUrl: 'http://evil.lan/' })).toBe(false);
    expect(lines.some((l) => l.includes('permission request denied'))).toBe(true);
  });

  it('check handler: same policy (enumerateDevices labels, setSinkId, clipboard)', () => {
    const check = (p: string, origin: string, details: Record<string, unknown> = {}) =>
      installed.check!(null, p, origin, { isMainFrame: true, ...details });
    expect(check('media', APP_ORIGIN, { requestingUrl: ours, mediaType: 'audio' })).toBe(true);
    expect(check('media', APP_ORIGIN, { requestingUrl: ours, mediaType: 'video' })).toBe(true);
    expect(check('clipboard-sanitized-write', APP_ORIGIN, { requestingUrl: ours })).toBe(true);
    expect(check('clipboard-read', APP_ORIGIN, { requestingUrl: ours })).toBe(false);
    expect(check('geolocation', APP_ORIGIN, { requestingUrl: ours })).toBe(false);
    expect(check('media', 'http://evil.lan', { requestingUrl: 'http://evil.lan/' })).toBe(false);
  });

  it('never grants devices (HID, USB, serial)', () => {
    expect(installed.device!({ deviceType: 'hid', origin: APP_ORIGIN })).toBe(false);
    expect(installed.device!({ deviceType: 'usb', origin: APP_ORIGIN })).toBe(false);
  });

  it('puts our CSP on our responses only', () => {
    const csp = buildContentSecurityPolicy();
    let reply: { responseHeaders?: Record<string, string[]> } | undefined;
    installed.headers!(
      {
        url: 'app://parley/assets/index.js',
        responseHeaders: { 'Content-Security-Policy': ['default-src *'] },
      },
      (r) => (reply = r),
    );
    expect(reply?.responseHeaders?.['Content-Security-Policy']).toEqual([csp]);
    installed.headers!(
      { url: 'http://192.168.1.20:9000/peerjs/id', responseHeaders: {} },
      (r) => (reply = r),
    );
    expect(reply).toEqual({});
  });
});

describe('installAppProtocol', () => {
  let root: string;
  let handler: (request: { url: string; method: string }) => Promise<Response>;

  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-proto-'));
    root = join(dir, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Parley</title>');
    writeFileSync(join(root, 'assets', 'index-abc.js'), 'export {};');
    writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
    writeFileSync(join(dir, 'secret.js'), 'outside the root');
    let scheme: string | undefined;
    const session: ProtocolSession = {
      protocol: {
        handle: (s, h) => {
          scheme = s;
          handler = h as typeof handler;
        },
      },
    };
    installAppProtocol(session, root, silentLogger);
    expect(scheme).toBe(APP_SCHEME);
  });
  afterAll(() => {
    rmSync(join(root, '..'), { recursive: true, force: true });
  });

  it('serves the page and its assets with their MIME type, the CSP and nosniff', async () => {
    const page = await handler({ url: 'app://parley/index.html', method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(buildContentSecurityPolicy());
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Parley</title>');
    const script = await handler({ url: 'app://parley/assets/index-abc.js', method: 'GET' });
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const style = await handler({ url: 'app://parley/assets/index-abc.css', method: 'GET' });
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const root = await handler({ url: 'app://parley/', method: 'GET' });
    expect(await root.text()).toContain('<title>Parley</title>');
    const head = await handler({ url: 'app://parley/index.html', method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('refuses traversal, other hosts, missing files and writes', async () => {
    const status = async (url: string, method = 'GET') => (await handler({ url, method })).status;
    expect(await status('app://parley/..%2Fsecret.js')).toBe(403);
    expect(await status('app://parley/assets%2F..%2F..%2Fsecret.js')).toBe(403);
    // Dot segments are folded by the URL parser: they stay inside the root.
    expect(await status('app://parley/../secret.js')).toBe(404);
    expect(await status('app://other/index.html')).toBe(403);
    expect(await status('app://parley/missing.js')).toBe(404);
    expect(await status('app://parley/index.html', 'POST')).toBe(405);
  });
});
