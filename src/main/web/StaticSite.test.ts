import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebRootError } from './errors';
import { StaticSite } from './StaticSite';

let dir: string;
let server: Server;
let port: number;

/** A raw GET (fetch would normalize `..` away before sending). */
function get(
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parley-site-'));
  const root = join(dir, 'web');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(root, '.env'), 'SECRET=1');
  writeFileSync(join(dir, 'secret.txt'), 'outside');
  symlinkSync(join(dir, 'secret.txt'), join(root, 'assets', 'link.txt'));
  const site = await StaticSite.load(root, '/app/');
  server = createServer((req, res) => {
    if (site.handleNavigation(req, res) || site.handle(req, res)) return;
    res.writeHead(404).end('fallthrough');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('StaticSite', () => {
  it('serves the start page with the CSP and revalidation, assets as immutable', async () => {
    const page = await get('/app/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>app</title>');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['cache-control']).toBe('no-cache');
    const js = await get('/app/assets/index-abc.js?v=1');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toContain('immutable');
    expect(js.headers['x-content-type-options']).toBe('nosniff');
    expect((await get('/app/assets/index-abc.css')).headers['content-type']).toMatch(/^text\/css/);
    const again = await get('/app/assets/index-abc.js', {
      'if-none-match': String(js.headers.etag),
    });
    expect(again.status).toBe(304);
    const head = await get('/app/index.html', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect((await get('/app/index.html', {}, 'POST')).status).toBe(405);
  });

  it('never serves dot files, symlinks or anything outside the folder', async () => {
    for (const path of [
      '/app/../secret.txt',
      '/app/assets/../../secret.txt',
      '/app/%2e%2e/secret.txt',
      '/app/assets%2f..%2f..%2fsecret.txt',
      '/app/assets/..%5c..%5csecret.txt',
      '/app/%00index.html',
      '/app/%E0%A4%A',
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      expect(res.body).not.toContain('outside');
    }
    expect((await get('/app/.env')).body).toBe('fallthrough');
    expect((await get('/app/assets/link.txt')).body).toBe('fallthrough');
    expect((await get('/secret.txt')).body).toBe('fallthrough');
    expect((await get('/app/missing.js')).status).toBe(404);
  });

  it('redirects join links and the bare mount path, and answers only HTML navigations early', async () => {
    const join = await get('/app/join/abc-defg-hjk');
    expect(join.status).toBe(302);
    expect(join.headers.location).toBe('/app/#/join/abc-defg-hjk');
    expect((await get('/app/join/<script>')).body).toBe('fallthrough');
    expect((await get('/app', { accept: 'text/html' })).headers.location).toBe('/app/');
    expect((await get('/app/', { accept: 'text/html,*/*' })).body).toContain('<title>');
  });

  it('refuses a folder without index.html', async () => {
    await expect(StaticSite.load(join(dir, 'nope'), '/')).rejects.toBeInstanceOf(WebRootError);
    await expect(StaticSite.load(join(dir, 'web', 'assets'), '/')).rejects.toThrow(/no index.html/);
  });
});
