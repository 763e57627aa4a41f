import { afterEach, describe, expect, it } from 'vitest';
import type { SignalingServer } from '../../../src/main/signaling';
import { RawClient } from './rawClient';
import { WsClient, assertServesFreshPair, startTestServer } from './wsClient';

let server: SignalingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const INFO = {
  name: 'PeerJS Server',
  description: 'A server side element to broker connections between PeerJS clients.',
  website: 'https://peerjs.com/',
};

async function get(path: string, init?: RequestInit): Promise<Response> {
  if (!server) throw new Error('no server');
  return fetch(`http://127.0.0.1:${server.port}${path}`, init);
}

describe('HTTP routes', () => {
  it('GET {path} answers peer’s server info JSON', async () => {
    server = await startTestServer();
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.json()).toEqual(INFO);
  });

  it('GET {path}{key}/id gives a fresh random id, ignoring the query', async () => {
    server = await startTestServer();
    const ids = new Set<string>();
    for (let i = 0; i < 5; i += 1) {
      const res = await get(`/peerjs/id?ts=${Date.now()}${Math.random()}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-store');
      const id = await res.text();
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      ids.add(id);
    }
    expect(ids.size).toBe(5);
    // an id from /id registers
    const [id] = [...ids];
    await WsClient.open(server, { id });
  });

  it('GET {path}{key}/peers is 401 unless allow_discovery', async () => {
    server = await startTestServer();
    const res = await get('/peerjs/peers');
    expect(res.status).toBe(401);
    expect(await res.text()).toBe('Peer discovery is disabled on this server (allow_discovery)');
  });

  it('GET {path}{key}/peers lists connected ids with allow_discovery', async () => {
    server = await startTestServer({ allowDiscovery: true });
    expect(await (await get('/peerjs/peers')).json()).toEqual([]);
    await WsClient.open(server, { id: 'alice' });
    await WsClient.open(server, { id: 'bob' });
    const res = await get('/peerjs/peers');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(((await res.json()) as string[]).sort()).toEqual(['alice', 'bob']);
  });

  it.each(['/wrong/id', '/wrong/peers', '/%zz/id', '/peerjs%/id'])(
    'a wrong key (%s) is 401 "Invalid key provided"',
    async (path) => {
      server = await startTestServer({ allowDiscovery: true });
      const res = await get(path);
      expect(res.status).toBe(401);
      expect(await res.text()).toBe('Invalid key provided');
    },
  );

  it('routes live under a custom path; a percent-encoded key matches', async () => {
    server = await startTestServer({ path: '/signal/', key: 'my.key' });
    expect(await (await get('/signal')).json()).toEqual(INFO);
    expect(await (await get('/signal/')).json()).toEqual(INFO);
    expect((await get('/signal/my.key/id')).status).toBe(200);
    expect((await get('/signal/my%2Ekey/id/')).status).toBe(200);
    expect((await get('/')).status).toBe(404);
    expect((await get('/my.key/id')).status).toBe(404);
  });

  it.each(['/nope', '/peerjs/id/extra', '/peerjs/other', '//', '/peerjs//id', '/peerjs/'])(
    'unknown route %s is 404',
    async (path) => {
      server = await startTestServer();
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(await res.text()).toBe('Not Found');
    },
  );

  it('HEAD has headers but no body; OPTIONS is a CORS preflight; POST is 405', async () => {
    server = await startTestServer();
    const head = await get('/peerjs/id', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const pre = await get('/peerjs/id', {
      method: 'OPTIONS',
      headers: { 'Access-Control-Request-Headers': 'x-a', Origin: 'http://x' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-headers')).toBe('x-a');
    const post = await get('/peerjs/id', { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });

  it.each([
    ['absolute-form URL', 'GET http://evil/peerjs/id HTTP/1.1\r\nHost: x\r\n\r\n', '404'],
    ['asterisk', 'OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n', '404'],
    ['bad percent-encoding', 'GET /%E0%A4%A/id?%zz=%% HTTP/1.1\r\nHost: x\r\n\r\n', '401'],
    ['control characters in the path', 'GET /\x01\x7f HTTP/1.1\r\nHost: x\r\n\r\n', '400'],
    ['garbage request', '\x00\x01\x02 nonsense\r\n\r\n', '400'],
    ['header without colon', 'GET / HTTP/1.1\r\nHost x\r\n\r\n', '400'],
  ])('a malformed request (%s) gets an HTTP error, never a crash', async (_n, request, status) => {
    server = await startTestServer();
    const raw = await RawClient.send(server, request);
    await raw.until(() => raw.status !== '' || raw.isClosed);
    expect(raw.status).toContain(status);
    raw.socket.destroy();
    await assertServesFreshPair(server);
  });
});
