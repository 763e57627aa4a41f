/**
 * LAN discovery against real mDNS sockets, pinned to loopback inside a private network namespace
 * (scripts/in-netns.mjs enables multicast on lo). Never runs on the machine's real LAN.
 */
import { createSocket } from 'node:dgram';
import { createRequire } from 'node:module';
import type { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DiscoveryError,
  MdnsTransport,
  MeetingAdvertiser,
  MeetingBrowser,
  type DiscoveredMeeting,
  type InvalidAdvert,
} from '../../../src/main/discovery';
import { netnsSkipReason, waitFor } from './helpers';

const skipReason = netnsSkipReason();
if (skipReason !== undefined) console.warn(`[discovery tests skipped] ${skipReason}`);

const LOOPBACK = { interface: '127.0.0.1' } as const;

/** The raw multicast-dns API used to play a misbehaving responder. */
interface RawMdns extends EventEmitter {
  respond(packet: { answers: unknown[] }, cb?: (err: Error | null) => void): void;
  destroy(cb?: () => void): void;
}
const multicastDns = createRequire(import.meta.url)('multicast-dns') as (
  opts: Record<string, unknown>,
) => RawMdns;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function transport(): MdnsTransport {
  const t = new MdnsTransport(LOOPBACK);
  cleanups.push(() => t.destroy());
  return t;
}

function browser(): MeetingBrowser {
  const b = new MeetingBrowser(transport(), { refreshIntervalMs: 2000 });
  cleanups.push(() => b.stop());
  b.start();
  return b;
}

function advertiser(name: string, port: number, conflictCheckMs = 500): MeetingAdvertiser {
  const a = new MeetingAdvertiser(
    transport(),
    { name, port, path: '/', key: 'peerjs', secure: false },
    { conflictCheckMs },
  );
  cleanups.push(() => a.stop());
  return a;
}

const named = (name: string) => (m: DiscoveredMeeting) => m.name === name;

describe.skipIf(skipReason !== undefined)('LAN discovery (mDNS on loopback)', () => {
  it('a browser sees an advertised meeting, and its goodbye when it stops', async () => {
    const b = browser();
    const a = advertiser('Design review. Q3', 9123);
    const up = waitFor<[DiscoveredMeeting]>(b, 'up', named('Design review. Q3'));
    const published = waitFor<[string]>(a, 'published');
    await a.start();
    expect((await published)[0]).toBe('Design review- Q3'); // one DNS label: no dots
    const [meeting] = await up;
    expect(meeting).toMatchObject({
      name: 'Design review. Q3',
      port: 9123,
      path: '/',
      key: 'peerjs',
      secure: false,
      protocolVersion: '1',
    });
    expect(meeting.addresses).toContain('127.0.0.1');
    expect(b.meetings().map((m) => m.id)).toContain(meeting.id);

    const down = waitFor<[DiscoveredMeeting]>(b, 'down', (m) => m.id === meeting.id, 5000);
    const started = Date.now();
    await a.stop();
    await down;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(b.meetings()).toEqual([]);
  });

  it('a second meeting with the same name is renamed "Name (2)"', async () => {
    const b = browser();
    const first = advertiser('Standup', 9001);
    await first.start();
    expect(first.instanceName).toBe('Standup');
    const second = advertiser('Standup', 9002, 1500);
    await second.start();
    expect(second.instanceName).toBe('Standup (2)');
    await waitFor<[DiscoveredMeeting]>(b, 'up', (m) => m.port === 9002);
    const ports = b
      .meetings()
      .filter(named('Standup'))
      .map((m) => m.port)
      .sort();
    expect(ports).toEqual([9001, 9002]);
  });

  it('a meeting that vanishes without a goodbye goes down after staleAfterMs', async () => {
    const b = new MeetingBrowser(transport(), { refreshIntervalMs: 500, staleAfterMs: 1500 });
    cleanups.push(() => b.stop());
    b.start();
    const t = new MdnsTransport(LOOPBACK); // destroyed below without unpublishing
    const a = new MeetingAdvertiser(
      t,
      { name: 'Crashy', port: 9300, path: '/', key: 'k', secure: true },
      { conflictCheckMs: 0 },
    );
    const [meeting] = await Promise.all([
      waitFor<[DiscoveredMeeting]>(b, 'up', named('Crashy')).then(([m]) => m),
      a.start(),
    ]);
    expect(meeting.secure).toBe(true);
    const down = waitFor<[DiscoveredMeeting]>(b, 'down', (m) => m.id === meeting.id, 10_000);
    await t.destroy(); // like a crash: the socket goes away, no goodbye
    await down;
  });

  it('survives malformed adverts and undecodable packets, then still finds meetings', async () => {
    const b = browser();
    const errors: DiscoveryError[] = [];
    b.on('error', (e) => {
      errors.push(e);
    });
    const raw = multicastDns({ interface: '127.0.0.1', bind: '0.0.0.0' });
    cleanups.push(
      () =>
        new Promise((resolve) => {
          raw.destroy(resolve);
        }),
    );
    const fqdn = 'Evil._parley._tcp.local';
    const answers = [
      { name: '_parley._tcp.local', type: 'PTR', ttl: 120, data: fqdn },
      { name: fqdn, type: 'SRV', ttl: 120, data: { port: 9400, target: 'evil.local' } },
      {
        name: fqdn,
        type: 'TXT',
        ttl: 120,
        data: [
          Buffer.from([0xff, 0xfe, 0x00]),
          'noequals',
          'txtvers=1',
          'path=../../etc',
          'key=a b',
        ],
      },
      { name: 'evil.local', type: 'A', ttl: 120, data: '127.0.0.1' },
    ];
    const invalid = waitFor<[InvalidAdvert]>(b, 'invalid', (a) => a.id === fqdn);
    raw.respond({ answers });
    const [advert] = await invalid;
    expect(advert.reason).toContain('invalid path');

    // A datagram that is not DNS at all, straight onto the mDNS group.
    const socket = createSocket({ type: 'udp4', reuseAddr: true });
    cleanups.push(
      () =>
        new Promise((resolve) => {
          socket.close(() => {
            resolve();
          });
        }),
    );
    const badPacket = waitFor<[DiscoveryError]>(b, 'error', (e) => e.type === 'bad-packet');
    await new Promise<void>((resolve, reject) => {
      socket.bind(0, '127.0.0.1', () => {
        socket.setMulticastInterface('127.0.0.1');
        socket.send(Buffer.from([1, 2, 3]), 5353, '224.0.0.251', (err) => {
          if (err) reject(err);
          else resolve();
        });
      });
    });
    await badPacket;

    const a = advertiser('After the storm', 9401, 0);
    const up = waitFor<[DiscoveredMeeting]>(b, 'up', named('After the storm'));
    await a.start();
    await up;
    expect(b.meetings().map((m) => m.name)).not.toContain('Evil');
    expect(errors.every((e) => e instanceof DiscoveryError)).toBe(true);
  });

  it('an advert that changes (same name, new port) is an update, not a second meeting', async () => {
    const b = browser();
    const raw = multicastDns({ interface: '127.0.0.1', bind: '0.0.0.0' });
    cleanups.push(
      () =>
        new Promise((resolve) => {
          raw.destroy(resolve);
        }),
    );
    const fqdn = 'Moving._parley._tcp.local';
    const advert = (port: number) => ({
      answers: [
        { name: '_parley._tcp.local', type: 'PTR', ttl: 120, data: fqdn },
        { name: fqdn, type: 'SRV', ttl: 120, data: { port, target: 'moving.local' } },
        {
          name: fqdn,
          type: 'TXT',
          ttl: 120,
          data: ['txtvers=1', 'name=Moving', 'path=/', 'key=peerjs', 'scheme=http', 'pv=1'],
        },
        { name: 'moving.local', type: 'A', ttl: 120, data: '127.0.0.1' },
      ],
    });
    const up = waitFor<[DiscoveredMeeting]>(b, 'up', (m) => m.id === fqdn);
    raw.respond(advert(9600));
    expect((await up)[0].port).toBe(9600);
    const update = waitFor<[DiscoveredMeeting]>(b, 'update', (m) => m.id === fqdn);
    raw.respond(advert(9601));
    expect((await update)[0]).toMatchObject({ name: 'Moving', port: 9601 });
    expect(b.meetings().filter((m) => m.id === fqdn)).toHaveLength(1);
  });

  it('reports a taken mDNS port as a typed error and keeps running without discovery', async () => {
    // An exclusive socket on 5353 (no SO_REUSEADDR), like a responder that does not share.
    const blocker = createSocket({ type: 'udp4', reuseAddr: false });
    await new Promise<void>((resolve) => {
      blocker.bind(5353, '0.0.0.0', resolve);
    });
    cleanups.push(
      () =>
        new Promise((resolve) => {
          blocker.close(() => {
            resolve();
          });
        }),
    );

    const t = transport();
    const failed = waitFor<[DiscoveryError]>(t, 'error', (e) => e.type === 'socket-unavailable');
    const a = new MeetingAdvertiser(
      t,
      { name: 'Blocked', port: 9500, path: '/', key: 'k', secure: false },
      { conflictCheckMs: 0 },
    );
    const advertiserError = waitFor<[DiscoveryError]>(a, 'error');
    const published = vitestNever(a, 'published');
    await a.start();
    const [error] = await failed;
    expect((error.cause as NodeJS.ErrnoException).code).toBe('EADDRINUSE');
    expect((await advertiserError)[0].type).toBe('socket-unavailable');
    expect(t.failed).toBe(true);
    expect(a.instanceName).toBeUndefined();
    expect(published()).toBe(false);
    await a.stop();
  });
});

/** Records whether `event` fired; call the result to ask. */
function vitestNever(emitter: EventEmitter, event: string): () => boolean {
  let fired = false;
  emitter.once(event, () => {
    fired = true;
  });
  return () => fired;
}
