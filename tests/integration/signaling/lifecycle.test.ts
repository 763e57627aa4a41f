import { createServer, type Server } from 'node:http';
import { describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { silentLogger } from '../../../src/main/logging';
import {
  SignalingError,
  SignalingOptionsError,
  attachSignalingServer,
  startSignalingServer,
} from '../../../src/main/signaling';
import { WsClient, assertServesFreshPair, startTestServer } from './wsClient';

function handles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of process.getActiveResourcesInfo()) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}

describe('close()', () => {
  it('tells every client 1001, closes all sockets, timers and the server; idempotent', async () => {
    const before = handles();
    const server = await startTestServer({ expireTimeout: 60_000 });
    const clients = await Promise.all([1, 2, 3].map(() => WsClient.open(server)));
    clients[0]?.send({ type: 'OFFER', dst: 'absent', payload: {} }); // arms the queue timer
    const http = await fetch(`${server.url}peerjs/id`, { keepalive: true });
    expect(http.status).toBe(200);
    const first = server.close();
    expect(server.close()).toBe(first);
    await first;
    for (const c of clients) {
      expect(await c.closed()).toEqual({ code: 1001, reason: 'Server shutting down' });
    }
    expect(server.httpServer.listening).toBe(false);
    expect(server.clientCount()).toBe(0);
    await expect.poll(() => handles().TCPServerWrap ?? 0).toBe(before.TCPServerWrap ?? 0);
    await expect
      .poll(() => (handles().TCPSocketWrap ?? 0) <= (before.TCPSocketWrap ?? 0))
      .toBe(true);
  });

  it('closes a server with no clients at once, and a failed start leaves nothing behind', async () => {
    const server = await startTestServer();
    await server.close();
    const blocker = await startTestServer();
    const error = await startSignalingServer(
      { host: '127.0.0.1', port: blocker.port },
      { logger: silentLogger },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignalingError);
    expect((error as SignalingError).type).toBe('listen-failed');
    expect((error as SignalingError).message).toContain('EADDRINUSE');
    await blocker.close();
  });

  it('rejects invalid options before binding anything', async () => {
    const error = await startSignalingServer({ port: 70_000, key: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignalingOptionsError);
    expect((error as SignalingOptionsError).issues.map((i) => i.option).sort()).toEqual([
      'key',
      'port',
    ]);
  });
});

describe('attach mode', () => {
  async function listen(server: Server): Promise<number> {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return address.port;
  }

  it('serves under the caller’s server, leaves other routes and upgrades alone', async () => {
    const http = createServer();
    const signaling = attachSignalingServer(http, { path: '/sig/' }, { logger: silentLogger });
    http.on('request', (req, res) => {
      if (signaling.handleHttp(req, res)) return;
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(`caller:${req.url ?? ''}`);
    });
    // The caller's own WebSocket route. (A ws server created with { server } would answer 400
    // to every other path, ours included: callers must route upgrades themselves.)
    const other = new WebSocketServer({ noServer: true });
    http.on('upgrade', (req, socket, head) => {
      if (req.url !== '/other') return;
      other.handleUpgrade(req, socket, head, (ws) => other.emit('connection', ws, req));
    });
    other.on('connection', (ws) => {
      ws.send('hello from the caller');
    });
    const port = await listen(http);
    try {
      expect(signaling.port).toBe(port);
      expect(signaling.url).toBe(`http://127.0.0.1:${port}/sig/`);
      expect(await (await fetch(`${signaling.url}peerjs/id`)).text()).toMatch(/^[0-9a-f-]{36}$/);
      expect(await (await fetch(`http://127.0.0.1:${port}/health`)).text()).toBe('caller:/health');
      await assertServesFreshPair(signaling);
      const ws = new WebSocket(`ws://127.0.0.1:${port}/other`);
      const greeting = await new Promise<string>((resolve, reject) => {
        ws.once('message', (d: Buffer) => {
          resolve(d.toString());
        });
        ws.once('error', reject);
      });
      expect(greeting).toBe('hello from the caller');
      ws.close();
      const c = await WsClient.open(signaling);
      await signaling.close();
      expect(await c.closed()).toEqual({ code: 1001, reason: 'Server shutting down' });
      expect(http.listening).toBe(true);
      expect(await (await fetch(`http://127.0.0.1:${port}/x`)).text()).toBe('caller:/x');
    } finally {
      other.close();
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    }
  });
});
