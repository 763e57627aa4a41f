/**
 * `parley serve` as users run it: the built CLI in a child process, on 127.0.0.1 and a free
 * port, with mDNS off (the mDNS path is tested in mdns.test.ts inside a network namespace).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { killAll, logLines, requireBuild, runParley, startServe } from './spawnServe';

const BASE = ['--host', '127.0.0.1', '--port', '0', '--no-mdns'];
let dir: string;

beforeAll(() => {
  requireBuild();
  dir = mkdtempSync(join(tmpdir(), 'parley-serve-test-'));
});
afterEach(killAll);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Opens a PeerJS socket and resolves with it once the server said OPEN. */
function openPeer(
  url: string,
  id: string,
  options: WebSocket.ClientOptions = {},
): Promise<WebSocket> {
  const ws = new WebSocket(`${url}peerjs?key=peerjs&id=${id}&token=tok-${id}`, options);
  return new Promise((resolve, reject) => {
    ws.once('message', (data) => {
      const text = Buffer.isBuffer(data) ? data.toString('utf8') : '';
      const message = JSON.parse(text) as { type?: string };
      if (message.type === 'OPEN') resolve(ws);
      else reject(new Error(`expected OPEN, got ${text}`));
    });
    ws.once('error', reject);
  });
}

function closeCode(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    ws.once('close', (code) => {
      resolve(code);
    });
  });
}

describe('parley serve', () => {
  it('prints the actual port and answers /health, /id, the ICE config route and ws', async () => {
    const iceFile = join(dir, 'ice.json');
    writeFileSync(iceFile, JSON.stringify({ iceServers: [{ urls: 'stun:stun.lan:3478' }] }));
    const server = await startServe([
      ...BASE,
      '--path',
      '/rtc',
      '--ice-config',
      iceFile,
      '--ice',
      'turn:turn.lan:3478?transport=udp',
      '--ice-username',
      'alice',
      '--ice-credential',
      's3cret',
      '--log-level',
      'debug',
    ]);
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/rtc/`);
    const listening = logLines(server.stderr()).find((l) => l.msg === 'parley server listening');
    expect(listening).toMatchObject({
      level: 'info',
      port: server.port,
      url: server.url,
      mdns: false,
    });

    const health = await fetch(`http://127.0.0.1:${server.port}/health`);
    expect(health.status).toBe(200);
    const healthBody = (await health.json()) as Record<string, unknown>;
    expect(healthBody).toMatchObject({ status: 'ok', clients: 0 });
    expect(healthBody.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(healthBody.uptimeSeconds).toBeTypeOf('number');

    const id = await fetch(`${server.url}peerjs/id`);
    expect(id.status).toBe(200);
    expect((await id.text()).length).toBeGreaterThan(0);

    const config = await fetch(`${server.url}parley/config`);
    expect(config.status).toBe(200);
    expect(config.headers.get('access-control-allow-origin')).toBe('*');
    expect(await config.json()).toEqual({
      iceServers: [
        { urls: ['stun:stun.lan:3478'] },
        { urls: ['turn:turn.lan:3478?transport=udp'], username: 'alice', credential: 's3cret' },
      ],
      path: '/rtc/',
      key: 'peerjs',
      meeting: {
        id: expect.stringMatching(/^Parley on .*\._parley\._tcp\.local$/) as string,
        name: expect.any(String) as string,
      },
    });
    expect((await fetch(`${server.url}parley/config`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`http://127.0.0.1:${server.port}/nope`)).status).toBe(404);

    const ws = await openPeer(server.url.replace('http:', 'ws:'), 'alice');
    const after = (await (await fetch(`http://127.0.0.1:${server.port}/health`)).json()) as {
      clients: number;
    };
    expect(after.clients).toBe(1);
    ws.close();
    await closeCode(ws);
  });

  it('on SIGTERM tells clients 1001 (going away) and exits 0 within 2 s', async () => {
    const server = await startServe(BASE);
    const ws = await openPeer(`ws://127.0.0.1:${server.port}/`, 'bob');
    // A keep-alive HTTP connection must not hold the shutdown open.
    expect((await fetch(`http://127.0.0.1:${server.port}/health`)).status).toBe(200);
    const code = closeCode(ws);
    const started = Date.now();
    server.child.kill('SIGTERM');
    expect(await code).toBe(1001);
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(2000);
    const messages = logLines(server.stderr()).map((l) => l.msg);
    expect(messages).toContain('shutting down');
    expect(messages).toContain('parley server stopped');
  });

  it('SIGINT stops it gracefully too', async () => {
    const server = await startServe(BASE);
    server.child.kill('SIGINT');
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });

  it.each([
    [['--bogus'], 'parley: unknown option --bogus'],
    [['--port', '65536'], 'parley: --port must be at most 65535, got 65536'],
    [['--ice', 'http://stun.lan'], 'must start with stun:, stuns:, turn: or turns:'],
    [['--tls-cert', 'only-cert.pem'], '--tls-cert and --tls-key must be given together'],
  ])(
    'a bad flag %j exits 2 with a one-line message and the usage, no stack',
    async (args, message) => {
      requireBuild();
      const proc = runParley(['serve', ...args]);
      expect(await proc.exited).toEqual({ code: 2, signal: null });
      const [first, second] = proc.stderr().split('\n');
      expect(first).toContain(message);
      expect(second).toBe('');
      expect(proc.stderr()).toContain('Usage: parley serve [options]');
      expect(proc.stderr()).not.toMatch(/\n\s+at /);
      expect(proc.stdout()).toBe('');
    },
  );

  it('--help and --version exit 0', async () => {
    requireBuild();
    const help = runParley(['serve', '--help']);
    expect(await help.exited).toEqual({ code: 0, signal: null });
    expect(help.stdout()).toContain('--alive_timeout <ms>');
    const version = runParley(['--version']);
    expect(await version.exited).toEqual({ code: 0, signal: null });
    expect(version.stdout()).toMatch(/^parley \d+\.\d+\.\d+/);
  });

  it('an invalid --ice-config file exits 2 naming the problem', async () => {
    requireBuild();
    const file = join(dir, 'bad-ice.json');
    writeFileSync(file, JSON.stringify([{ urls: 'turn:turn.lan' }]));
    const proc = runParley(['serve', ...BASE, '--ice-config', file]);
    expect(await proc.exited).toEqual({ code: 2, signal: null });
    expect(proc.stderr()).toContain(
      `--ice-config ${file}: iceServers[0]: a TURN server needs both`,
    );
  });

  it('a port in use exits 1 with a clear message', async () => {
    requireBuild();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const proc = runParley(['serve', '--host', '127.0.0.1', '--port', String(port), '--no-mdns']);
      expect(await proc.exited).toEqual({ code: 1, signal: null });
      expect(proc.stderr()).toContain(`parley: cannot listen on 127.0.0.1:${port}: EADDRINUSE`);
      expect(proc.stderr()).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  });

  it('serves HTTPS/WSS with --tls-self-signed and prints the certificate fingerprint', async () => {
    const server = await startServe([...BASE, '--tls-self-signed']);
    expect(server.url).toBe(`https://127.0.0.1:${server.port}/`);
    const printed = /SHA-256 ([0-9A-F:]{95})/.exec(server.stdout())?.[1];
    expect(printed).toBeDefined();

    const presented = await new Promise<string>((resolve, reject) => {
      const socket = tlsConnect(
        { host: '127.0.0.1', port: server.port, rejectUnauthorized: false },
        () => {
          resolve(socket.getPeerX509Certificate()?.fingerprint256 ?? '');
          socket.end();
        },
      );
      socket.once('error', reject);
    });
    expect(presented).toBe(printed);

    // Verification on: the self-signed certificate is refused, as a browser would.
    await expect(openPeer(`wss://127.0.0.1:${server.port}/`, 'strict')).rejects.toThrow(
      /self[- ]signed/i,
    );
    const ws = await openPeer(`wss://127.0.0.1:${server.port}/`, 'carol', {
      rejectUnauthorized: false,
    });
    const code = closeCode(ws);
    server.child.kill('SIGTERM');
    expect(await code).toBe(1001);
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });

  it('serves HTTPS with --tls-cert/--tls-key, and refuses a key that does not match', async () => {
    const make = (name: string): { cert: string; key: string } => {
      const cert = join(dir, `${name}.crt`);
      const key = join(dir, `${name}.key`);
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-keyout',
          key,
          '-out',
          cert,
          '-days',
          '2',
          '-subj',
          `/CN=${name}`,
        ],
        { stdio: 'ignore' },
      );
      return { cert, key };
    };
    const a = make('a');
    const b = make('b');
    const server = await startServe([...BASE, '--tls-cert', a.cert, '--tls-key', a.key]);
    expect(server.stdout()).toMatch(/TLS: {6}certificate SHA-256/);
    const health = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`wss://127.0.0.1:${server.port}/peerjs?key=peerjs&id=dave&token=t`, {
        rejectUnauthorized: false,
      });
      ws.once('message', () => {
        ws.close();
        resolve(1);
      });
      ws.once('error', reject);
    });
    expect(health).toBe(1);

    const bad = runParley(['serve', ...BASE, '--tls-cert', a.cert, '--tls-key', b.key]);
    expect(await bad.exited).toEqual({ code: 1, signal: null });
    expect(bad.stderr()).toContain('parley: TLS certificate or key unusable');
  });
});
