/**
 * The web app `parley serve` hosts for browser guests: the built CLI (out/serve) serving the built
 * renderer (out/web; `npm run build:serve` builds both) on 127.0.0.1 — start page, MIME types,
 * caching and security headers, traversal attempts, join links, --path, --web-root and
 * --no-web, and the app loading in Chromium from the server with no console error.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requireNetns, useChromium } from '../../support';
import { killAll, requireBuild, runParley, startServe } from './spawnServe';

const ROOT = resolve(import.meta.dirname, '../../..');
const BASE = ['--host', '127.0.0.1', '--port', '0', '--no-mdns', '--log-level', 'warn'];

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request: the path goes out exactly as written (fetch would resolve `..` first). */
function raw(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<Reply> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        done({ status: res.statusCode ?? 0, headers: res.headers, body });
      });
    });
    req.on('error', fail);
    req.end();
  });
}

/** Throws a clear message when the web app has not been built (the npm test script builds it). */
function requireWebBuild(): void {
  requireBuild();
  if (!existsSync(join(ROOT, 'out/web/index.html'))) {
    throw new Error('out/web/index.html is missing: run `npm run build:serve` before these tests.');
  }
}

let dir: string;
beforeAll(() => {
  requireWebBuild();
  dir = mkdtempSync(join(tmpdir(), 'parley-web-test-'));
});
afterEach(killAll);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('parley serve hosts the web app', () => {
  it('serves the start page to browsers and keeps the PeerJS info for other clients', async () => {
    const server = await startServe(BASE);
    expect(server.stdout()).toContain(`Web app:  open http://127.0.0.1:${server.port}/`);
    const page = await raw(server.port, '/', { accept: 'text/html,application/xhtml+xml,*/*' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toMatch(/<div id="app"><\/div>/);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['permissions-policy']).toContain('camera=(self)');

    const info = await raw(server.port, '/');
    expect(JSON.parse(info.body)).toMatchObject({ name: 'PeerJS Server' });

    // Every asset the page names is served with its type, cached for good.
    const assets = [...page.body.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      const res = await raw(server.port, `/${asset ?? ''}`);
      expect(res.status, asset).toBe(200);
      expect(res.headers['content-type'], asset).toMatch(
        asset?.endsWith('.css') ? /^text\/css/ : /^text\/javascript/,
      );
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      const again = await raw(server.port, `/${asset ?? ''}`, {
        'if-none-match': String(res.headers.etag),
      });
      expect(again.status).toBe(304);
    }
    const map = assets.find((a) => a?.endsWith('.js'));
    const sourceMap = await raw(server.port, `/${map ?? ''}.map`);
    expect(sourceMap.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('refuses traversal attempts and never leaks files outside the web folder', async () => {
    const server = await startServe(BASE);
    for (const path of [
      '/../package.json',
      '/assets/../../package.json',
      '/%2e%2e/package.json',
      '/%2E%2E/%2E%2E/etc/passwd',
      '/assets%2f..%2f..%2fpackage.json',
      '/assets/..%5c..%5cpackage.json',
      '/..%2f..%2f..%2fetc%2fpasswd',
      '/index.html%00.js',
      '/%c0%ae%c0%ae/package.json',
    ]) {
      const res = await raw(server.port, path);
      expect([400, 404], path).toContain(res.status);
      expect(res.body, path).not.toMatch(/"devDependencies"|root:x:0/);
    }
    for (const path of ['/.env', '/serve.mjs', '/../serve/serve.mjs', '/out/web/index.html']) {
      expect((await raw(server.port, path)).status, path).toBeGreaterThanOrEqual(400);
    }
    expect((await raw(server.port, '/index.html', {}, 'PUT')).status).toBe(405);
    // Bad input never takes the server down.
    expect((await raw(server.port, '/health')).status).toBe(200);
  });

  it('redirects /join/<code> links to the app and serves it under --path', async () => {
    const server = await startServe([...BASE, '--path', '/rtc']);
    const join = await raw(server.port, '/rtc/join/abc-defg-hjk');
    expect(join.status).toBe(302);
    expect(join.headers.location).toBe('/rtc/#/join/abc-defg-hjk');
    expect((await raw(server.port, '/rtc', { accept: 'text/html' })).headers.location).toBe(
      '/rtc/',
    );
    const page = await raw(server.port, '/rtc/', { accept: 'text/html' });
    expect(page.body).toContain('id="app"');
    expect((await raw(server.port, '/', { accept: 'text/html' })).status).toBe(404);
    const config = JSON.parse((await raw(server.port, '/rtc/parley/config')).body) as object;
    expect(config).toEqual({
      iceServers: [],
      path: '/rtc/',
      key: 'peerjs',
      meeting: {
        id: expect.stringMatching(/^Parley on .*\._parley\._tcp\.local$/) as string,
        name: expect.any(String) as string,
      },
    });
  });

  it('serves another folder with --web-root, none with --no-web, and refuses a bad folder', async () => {
    const other = join(dir, 'site');
    mkdirSync(other, { recursive: true });
    writeFileSync(join(other, 'index.html'), '<!doctype html><title>other</title>');
    const custom = await startServe([...BASE, '--web-root', other]);
    expect((await raw(custom.port, '/', { accept: 'text/html' })).body).toContain('other');

    const off = await startServe([...BASE, '--no-web']);
    expect(off.stdout()).toContain('Web app:  not served');
    const json = await raw(off.port, '/', { accept: 'text/html' });
    expect(JSON.parse(json.body)).toMatchObject({ name: 'PeerJS Server' });
    expect((await raw(off.port, '/index.html')).status).toBe(404);

    const bad = runParley(['serve', ...BASE, '--web-root', join(dir, 'missing')]);
    const exit = await bad.exited;
    expect(exit.code).toBe(1);
    expect(bad.stderr()).toMatch(/--web-root: cannot read the web app folder .*missing/);
  });
});

describe.runIf(requireNetns('web app in Chromium'))('the web app in Chromium', () => {
  const chrome = useChromium();

  it('loads from parley serve with no console error and previews the camera', async () => {
    const server = await startServe(BASE);
    const user = await chrome.newUser('guest', { url: `http://127.0.0.1:${server.port}/` });
    const { page } = user;
    await page.getByRole('heading', { name: 'Ready to meet?' }).waitFor({ timeout: 20_000 });
    await expect
      .poll(
        () =>
          page
            .locator('.preview video')
            .evaluate((v) => (v as HTMLVideoElement).getVideoPlaybackQuality().totalVideoFrames)
            .catch(() => 0),
        { timeout: 20_000 },
      )
      .toBeGreaterThan(3);
    // The bridge reads the meeting server from the page's own server.
    const config: unknown = await page.evaluate(
      async () => (await fetch('parley/config')).json() as Promise<unknown>,
    );
    expect(config).toMatchObject({ iceServers: [], path: '/', key: 'peerjs' });
    // A browser's LAN list is the meeting of the server it came from.
    await expect
      .poll(() => page.getByRole('region', { name: 'Meetings on your network' }).textContent())
      .toContain('Parley on');
    await page.getByRole('button', { name: /^Join Parley on / }).waitFor();
    expect(user.errors).toEqual([]);
  });
});
