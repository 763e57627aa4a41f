import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { LanMeeting, ServerStatus } from '../../shared/ipc-contract';
import { defaultSettings } from '../../shared/settings';
import { silentLogger } from '../logging';
import { startSignalingServer } from '../signaling';
import { createHostingDeps } from './hostingDeps';
import { HostingService, meetingNameFor } from './HostingService';
import { isAddressInUse, lanAddresses, listenWithFallback, PortsExhaustedError } from './network';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Holds a real port on 127.0.0.1 so the service must fall back. */
async function occupy(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(
    () =>
      new Promise((r) =>
        server.close(() => {
          r();
        }),
      ),
  );
  return (server.address() as { port: number }).port;
}

const ifaces = () =>
  ({
    lo: [
      {
        address: '127.0.0.1',
        family: 'IPv4',
        internal: true,
        netmask: '255.0.0.0',
        mac: '',
        cidr: null,
      },
    ],
    eth0: [
      {
        address: '169.254.3.4',
        family: 'IPv4',
        internal: false,
        netmask: '255.255.0.0',
        mac: '',
        cidr: null,
      },
      {
        address: '192.168.1.20',
        family: 'IPv4',
        internal: false,
        netmask: '255.255.255.0',
        mac: '',
        cidr: null,
      },
      {
        address: 'fe80::1',
        family: 'IPv6',
        internal: false,
        netmask: '',
        mac: '',
        cidr: null,
        scopeid: 1,
      },
    ],
  }) as unknown as NodeJS.Dict<import('node:os').NetworkInterfaceInfo[]>;

/** In-memory LAN browser (mDNS itself is tested by the discovery module in a network namespace). */
class FakeBrowser extends EventEmitter<{
  up: [LanMeeting];
  down: [LanMeeting];
  update: [LanMeeting];
}> {
  list: LanMeeting[] = [];
  started = 0;
  stopped = 0;
  start(): void {
    this.started++;
  }
  stop(): Promise<void> {
    this.stopped++;
    return Promise.resolve();
  }
  meetings(): LanMeeting[] {
    return this.list;
  }
}

function service(extra: Partial<ConstructorParameters<typeof HostingService>[0]> = {}) {
  const adverts: string[] = [];
  const s = new HostingService({
    startServer: (port) =>
      startSignalingServer({ host: '127.0.0.1', port }, { logger: silentLogger }),
    createAdvertiser: (name, server) => ({
      start: () => (adverts.push(`start ${name}@${server.port}`), Promise.resolve()),
      stop: () => (adverts.push(`stop ${name}`), Promise.resolve()),
    }),
    networkInterfaces: ifaces,
    hostName: 'box',
    logger: silentLogger,
    ...extra,
  });
  cleanups.push(() => s.close());
  return { s, adverts };
}

describe('network helpers', () => {
  it('lists LAN IPv4 addresses, link-local last', () => {
    expect(lanAddresses(ifaces())).toEqual(['192.168.1.20', '169.254.3.4']);
  });
  it('falls back on EADDRINUSE only, and says when every port was taken', async () => {
    const inUse = Object.assign(new Error('busy'), { code: 'EADDRINUSE' });
    const tried: number[] = [];
    await expect(
      listenWithFallback(
        9000,
        3,
        (p) => (tried.push(p), Promise.reject(new Error('wrapped', { cause: inUse }))),
      ),
    ).rejects.toThrow(PortsExhaustedError);
    expect(tried).toEqual([9000, 9001, 9002]);
    await expect(
      listenWithFallback(9000, 3, () => Promise.reject(new Error('EACCES'))),
    ).rejects.toThrow('EACCES');
    expect(isAddressInUse(new Error('x'))).toBe(false);
  });
});

describe('HostingService', () => {
  it('starts the real server on the next free port when the configured one is taken', async () => {
    const taken = await occupy();
    const { s, adverts } = service();
    const statuses: ServerStatus['state'][] = [];
    s.on('status', (st) => statuses.push(st.state));
    const settings = {
      ...defaultSettings(),
      displayName: 'Ada',
      hosting: { enabled: true, port: taken, meetingName: '' },
    };
    const status = await s.apply(settings);
    expect(status.state).toBe('running');
    expect(status.port).toBeGreaterThan(taken);
    expect(status.lanUrls).toEqual([
      `http://192.168.1.20:${status.port}/`,
      `http://169.254.3.4:${status.port}/`,
    ]);
    // Clients use the server's real path and key (the status says them).
    expect(status).toMatchObject({ path: '/', key: 'peerjs' });
    const res = await fetch(`http://127.0.0.1:${status.port}/`);
    expect(res.ok).toBe(true);
    expect(statuses).toEqual(['starting', 'running']);
    expect(adverts).toEqual([`start Ada's meeting@${status.port}`]);
    // Same settings: nothing restarts.
    await s.apply(settings);
    expect(statuses).toEqual(['starting', 'running']);
  });

  it('restarts on a name change, stops when disabled, and closes cleanly', async () => {
    const { s, adverts } = service();
    const first = await s.apply({
      ...defaultSettings(),
      hosting: { enabled: true, port: 0 + (await occupy()) + 1, meetingName: 'A' },
    });
    expect(first.state).toBe('running');
    await s.apply({
      ...defaultSettings(),
      hosting: { enabled: true, port: first.port!, meetingName: 'B' },
    });
    expect(adverts).toEqual([`start A@${first.port}`, 'stop A', `start B@${first.port}`]);
    const off = await s.apply({
      ...defaultSettings(),
      hosting: { enabled: false, port: first.port!, meetingName: 'B' },
    });
    expect(off.state).toBe('stopped');
    await expect(fetch(`http://127.0.0.1:${first.port}/`)).rejects.toThrow();
    await s.close();
    expect((await s.apply(defaultSettings())).state).toBe('stopped');
  });

  it('reports a failure it cannot work around as status failed, without throwing', async () => {
    const { s } = service({ startServer: () => Promise.reject(new Error('permission denied')) });
    const status = await s.apply(defaultSettings());
    expect(status).toMatchObject({ state: 'failed', error: 'permission denied', port: null });
  });

  it('relays LAN meetings without our own advert', async () => {
    const browser = new FakeBrowser();
    const { s } = service({ browser });
    const status = await s.apply({
      ...defaultSettings(),
      hosting: { enabled: true, port: (await occupy()) + 1, meetingName: '' },
    });
    s.startBrowsing();
    const other: LanMeeting = {
      id: 'x',
      name: 'Other',
      host: 'h',
      addresses: ['192.168.1.30'],
      port: 9000,
      path: '/',
      key: 'peerjs',
      secure: false,
      protocolVersion: '1',
    };
    const own: LanMeeting = { ...other, id: 'me', addresses: ['192.168.1.20'], port: status.port! };
    const seen: (readonly LanMeeting[])[] = [];
    s.on('meetings', (m) => seen.push(m));
    browser.list = [other, own];
    browser.emit('up', other);
    expect(seen).toEqual([[other]]);
    expect(meetingNameFor(defaultSettings(), 'box')).toBe('Parley on box');
    await s.close();
    expect(browser.stopped).toBe(1);
    expect(browser.started).toBe(1);
  });
});

describe('createHostingDeps', () => {
  it('starts the real signaling server; no mDNS when discovery is off', async () => {
    const deps = createHostingDeps({ logger: silentLogger, host: '127.0.0.1', discovery: false });
    expect(deps.createAdvertiser).toBeUndefined();
    expect(deps.browser).toBeUndefined();
    const server = await deps.startServer(0);
    cleanups.push(() => server.close());
    const res = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(res.ok).toBe(true);
    // Meeting members are found by listing ids: the embedded server must allow it.
    const peers = await fetch(`http://127.0.0.1:${server.port}/peerjs/peers`);
    expect(peers.status).toBe(200);
    expect(await peers.json()).toEqual([]);
    await deps.dispose();
  });

  it("hands out the settings' ICE servers, path and key at {path}parley/config", async () => {
    let ice: unknown[] = [{ urls: 'stun:stun.example.org:3478' }];
    const deps = createHostingDeps({
      logger: silentLogger,
      host: '127.0.0.1',
      discovery: false,
      iceServers: () => ice,
    });
    const server = await deps.startServer(0);
    cleanups.push(() => server.close());
    expect(server).toMatchObject({ path: '/', key: 'peerjs' });
    const read = async (): Promise<unknown> => {
      const res = await fetch(`http://127.0.0.1:${server.port}/parley/config`);
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      return res.json();
    };
    expect(await read()).toEqual({
      iceServers: [{ urls: ['stun:stun.example.org:3478'] }],
      path: '/',
      key: 'peerjs',
    });
    // Read at each request: a settings change applies at once; invalid entries hand out none.
    ice = [{ urls: ['turn:turn.example.org'], username: 'u', credential: 'c' }];
    expect(await read()).toMatchObject({
      iceServers: [{ urls: ['turn:turn.example.org'], username: 'u', credential: 'c' }],
    });
    ice = [{ urls: 'http://nope' }];
    expect(await read()).toMatchObject({ iceServers: [] });
    expect((await fetch(`http://127.0.0.1:${server.port}/elsewhere`)).status).toBe(404);
    const post = await fetch(`http://127.0.0.1:${server.port}/parley/config`, { method: 'POST' });
    expect(post.status).toBe(405);
    await deps.dispose();
  });
});
