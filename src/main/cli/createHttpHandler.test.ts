import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpHandler, type HttpHandlerDeps } from './createHttpHandler';

// The signaling server is exercised for real in tests/integration/serve; here a stand-in that
// answers one route lets the handler's own routing be checked in isolation.
const signaling: HttpHandlerDeps['signaling'] = {
  clientCount: () => 3,
  handleHttp: (req, res) => {
    if (req.url !== '/rtc/peerjs/id') return false;
    res.end('the-id');
    return true;
  },
};

let server: Server | undefined;
afterEach(async () => {
  const current = server;
  if (current) {
    await new Promise((resolve) => {
      current.close(resolve);
    });
  }
  server = undefined;
});

async function serve(deps: Partial<HttpHandlerDeps> = {}): Promise<string> {
  let clock = 1_000;
  server = createServer(
    createHttpHandler({
      signaling,
      path: '/rtc/',
      iceServers: [{ urls: ['stun:stun.lan'] }],
      version: '9.9.9',
      now: () => (clock += 2_500),
      ...deps,
    }),
  );
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('createHttpHandler', () => {
  it('answers /health with clients, uptime and version', async () => {
    const base = await serve();
    const res = await fetch(`${base}/health`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({
      status: 'ok',
      clients: 3,
      uptimeSeconds: 2,
      version: '9.9.9',
    });
    const head = await fetch(`${base}/health`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await fetch(`${base}/health`, { method: 'DELETE' })).status).toBe(405);
  });

  it('lets the signaling routes answer first', async () => {
    const base = await serve();
    expect(await (await fetch(`${base}/rtc/peerjs/id`)).text()).toBe('the-id');
  });

  it('serves the ICE config under the server path, with CORS and preflight', async () => {
    const base = await serve();
    const res = await fetch(`${base}/rtc/parley/config?x=1`);
    expect(await res.json()).toEqual({ iceServers: [{ urls: ['stun:stun.lan'] }], path: '/rtc/' });
    const keyed = await serve({ key: 'k1' });
    expect(await (await fetch(`${keyed}/rtc/parley/config`)).json()).toMatchObject({ key: 'k1' });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const preflight = await fetch(`${base}/rtc/parley/config`, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('GET');
    const post = await fetch(`${base}/rtc/parley/config`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect((await fetch(`${base}/parley/config`)).status).toBe(404); // outside the path
  });

  it('asks the navigation hook before the signaling routes', async () => {
    const base = await serve({
      navigation: (req, res) => {
        if (!(req.headers.accept ?? '').includes('text/html')) return false;
        res.end('<html>');
        return true;
      },
    });
    const page = await fetch(`${base}/rtc/peerjs/id`, { headers: { accept: 'text/html' } });
    expect(await page.text()).toBe('<html>');
    expect(await (await fetch(`${base}/rtc/peerjs/id`)).text()).toBe('the-id');
  });

  it('hands other requests to the fallback, else 404', async () => {
    const base = await serve({
      fallback: (req, res) => {
        if (req.url !== '/index.html') return false;
        res.end('<html>');
        return true;
      },
    });
    expect(await (await fetch(`${base}/index.html`)).text()).toBe('<html>');
    const missing = await fetch(`${base}/missing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'not found' });
  });
});
