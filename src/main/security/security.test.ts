import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, silentLogger } from '../logging';
import { APP_ORIGIN, APP_SCHEME_PRIVILEGES, resolveAppRequest } from './appProtocol';
import {
  buildContentSecurityPolicy,
  buildMetaContentSecurityPolicy,
  parseContentSecurityPolicy,
  withContentSecurityPolicy,
} from './csp';
import {
  guardNavigation,
  isSafeExternalUrl,
  type GuardedContents,
  type PreventableEvent,
} from './navigation';
import { createPermissionHandlers } from './permissions';
import { createMainWindowOptions } from './windowOptions';

describe('main window options', () => {
  it('turn on every renderer hardening', () => {
    const options = createMainWindowOptions({ preloadPath: '/app/out/preload/index.cjs' });
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(options.webPreferences?.enableBlinkFeatures).toBe('');
    expect(options.show).toBe(false);
  });
});

describe('content security policy', () => {
  const policy = buildContentSecurityPolicy();
  it('has no unsafe-eval, no remote scripts, no plugins or frames', () => {
    const d = parseContentSecurityPolicy(policy);
    expect(policy).not.toMatch(/unsafe-eval/);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('default-src')).toEqual(["'self'"]);
  });
  it('is the same as the meta tag in index.html (minus header-only directives)', () => {
    const html = readFileSync(resolve(import.meta.dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    expect(parseContentSecurityPolicy(meta!)).toEqual(
      parseContentSecurityPolicy(buildMetaContentSecurityPolicy()),
    );
    expect(buildMetaContentSecurityPolicy()).not.toMatch(/frame-ancestors/);
  });
  it('replaces any CSP header of a response', () => {
    const headers = withContentSecurityPolicy(
      { 'content-security-policy': ['default-src *'], 'Content-Type': 'text/html' },
      policy,
    );
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [policy] });
  });
});

describe('app:// protocol', () => {
  const root = '/srv/parley/out/renderer';
  it('is a standard secure scheme with fetch support', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: {
        standard: true,
        secure: true,
        supportFetchAPI: true,
        corsEnabled: true,
        stream: true,
        codeCache: true,
      },
    });
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('bypassCSP');
    expect(APP_ORIGIN).toBe('app://parley');
  });
  it('serves files under the root with their type', () => {
    expect(resolveAppRequest('app://parley/', root)).toEqual({
      ok: true,
      path: `${root}/index.html`,
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveAppRequest('app://parley/assets/index-abc.js?v=1#x', root)).toMatchObject({
      ok: true,
      path: `${root}/assets/index-abc.js`,
    });
  });
  it('blocks traversal, foreign hosts, odd methods and unknown types', () => {
    // The URL parser folds dot segments (also encoded ones) into the root; decoded slashes are caught here.
    expect(resolveAppRequest('app://parley/%2e%2e/%2e%2e/etc/passwd.js', root)).toMatchObject({
      ok: true,
      path: `${root}/etc/passwd.js`,
    });
    expect(resolveAppRequest('app://parley/..%2F..%2Fmain%2Findex.js', root)).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(resolveAppRequest('app://parley/a%5C..%5C..%5Cx.js', root)).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(resolveAppRequest('app://parley/x%00.js', root)).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(resolveAppRequest('app://parley/%E0%A4%A', root)).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(resolveAppRequest('app://evil/index.html', root)).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(resolveAppRequest('app://parley/index.html', root, 'POST')).toMatchObject({
      ok: false,
      status: 405,
    });
    expect(resolveAppRequest('app://parley/secret.key', root)).toMatchObject({
      ok: false,
      status: 404,
    });
  });
});

describe('permissions', () => {
  const lines: string[] = [];
  const handlers = createPermissionHandlers({
    allowedOrigins: [APP_ORIGIN],
    logger: createLogger({ sink: (l) => lines.push(l) }),
  });
  const request = (
    permission: string,
    details: { requestingUrl?: string; mediaTypes?: string[] },
  ) => {
    let decision: boolean | undefined;
    handlers.request(permission, details, (granted) => (decision = granted));
    return decision;
  };
  const ours = 'app://parley/index.html';

  it('grants media (only audio/video kinds) and display capture to our origin', () => {
    expect(request('media', { requestingUrl: ours, mediaTypes: ['audio', 'video'] })).toBe(true);
    expect(request('media', { requestingUrl: ours, mediaTypes: ['audio'] })).toBe(true);
    expect(request('display-capture', { requestingUrl: ours })).toBe(true);
    expect(request('media', { requestingUrl: ours, mediaTypes: [] })).toBe(false);
    expect(request('media', { requestingUrl: ours, mediaTypes: ['audio', 'midi'] })).toBe(false);
  });
  it('denies everything else, and any other origin, and logs it', () => {
    lines.length = 0;
    for (const p of [
      'geolocation',
      'notifications',
      'midiSysex',
      'openExternal',
      'clipboard-read',
      'fullscreen',
      'hid',
      'usb',
    ]) {
      expect(request(p, { requestingUrl: ours }), p).toBe(false);
    }
    expect(
      request('media', { requestingUrl: 'https://evil.example/', mediaTypes: ['video'] }),
    ).toBe(false);
    expect(request('media', { mediaTypes: ['video'] })).toBe(false);
    expect(lines).toHaveLength(10);
    expect(
      lines.every((l) => l.includes('"level":"warn"') && l.includes('permission request denied')),
    ).toBe(true);
  });
  it('check handler: media kinds and display capture for our origin only', () => {
    expect(handlers.check('media', APP_ORIGIN, { requestingUrl: ours, mediaType: 'video' })).toBe(
      true,
    );
    expect(handlers.check('media', APP_ORIGIN, { mediaType: 'audio' })).toBe(true);
    expect(handlers.check('media', APP_ORIGIN, { mediaType: 'unknown' })).toBe(false);
    expect(handlers.check('display-capture', APP_ORIGIN, {})).toBe(true);
    expect(handlers.check('media', 'https://evil.example', { mediaType: 'video' })).toBe(false);
    expect(handlers.check('background-sync', APP_ORIGIN, {})).toBe(false);
  });
});

describe('navigation guards', () => {
  class Contents extends EventEmitter implements GuardedContents {
    openHandler: ((d: { url: string }) => { action: 'deny' }) | undefined;
    setWindowOpenHandler(handler: (d: { url: string }) => { action: 'deny' }): void {
      this.openHandler = handler;
    }
  }
  const event = () => {
    const e: PreventableEvent & { prevented: boolean } = {
      prevented: false,
      preventDefault() {
        e.prevented = true;
      },
    };
    return e;
  };

  it('blocks navigation, redirects and webviews; window.open is always denied', () => {
    const contents = new Contents();
    const opened: string[] = [];
    guardNavigation(contents, { logger: silentLogger, openExternal: (u) => opened.push(u) });
    for (const name of ['will-navigate', 'will-redirect']) {
      const e = event();
      contents.emit(name, e, 'https://evil.example/');
      expect(e.prevented, name).toBe(true);
    }
    const w = event();
    contents.emit('will-attach-webview', w);
    expect(w.prevented).toBe(true);
    expect(contents.openHandler!({ url: 'https://example.org/docs' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://example.org/docs']);
  });

  it('external links: http/https with a host and no credentials only', () => {
    expect(isSafeExternalUrl('https://example.org/a?b=c')).toBe(true);
    expect(isSafeExternalUrl('http://192.168.1.2:9000/')).toBe(true);
    for (const bad of [
      '',
      'ftp://x',
      'file:///x',
      'smb://host/share',
      'https://user:pw@example.org',
      'https://exa mple.org',
      'parley://join/x',
      `https://x.org/${'a'.repeat(3000)}`,
    ]) {
      expect(isSafeExternalUrl(bad), bad).toBe(false);
    }
  });
});
