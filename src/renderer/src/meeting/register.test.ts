import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Peer } from '../peer';
import { MeetingError } from './engine';
import { MeetingIds } from './MeetingIds';
import { openPeer, type OpenPeerOptions } from './openPeer';
import { register } from './register';

vi.mock('./openPeer', () => ({ openPeer: vi.fn() }));

const prefix = MeetingIds.prefix('abc-defg-hjk');
const self = `${prefix}zzzzzzzzzzzz`;
const member = `${prefix}aaaaaaaaaaaa`;
const server = { host: '127.0.0.1', port: 9000, path: '/', key: 'peerjs', secure: false };
const userIce = [{ urls: ['stun:user.example:3478'] }];
const hostIce = { urls: ['turn:host.example:3478'], username: 'u', credential: 'c' };

/** Records requests in order; `{key}/peers` lists `member` for the key `real`, config per body. */
function serverFetch(config: unknown, seen: string[], realKey = 'peerjs'): typeof fetch {
  return (input) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    seen.push(url.pathname);
    if (url.pathname === '/parley/config') {
      return Promise.resolve(new Response(JSON.stringify(config), { status: 200 }));
    }
    if (url.pathname === `/${realKey}/peers`) {
      return Promise.resolve(new Response(JSON.stringify([self, member]), { status: 200 }));
    }
    return Promise.resolve(new Response('no', { status: 404 }));
  };
}

/** Registers `self` on `server` with the user's ICE servers. */
function registerSelf(
  configKnown: boolean,
  fetch: typeof globalThis.fetch,
): ReturnType<typeof register> {
  return register({ id: self, prefix, server, iceServers: userIce, configKnown, fetch });
}

const calls: { options: OpenPeerOptions; peer: { destroy: () => void; key: string } }[] = [];

beforeEach(() => {
  calls.length = 0;
  vi.mocked(openPeer).mockImplementation((options) => {
    const peer = { destroy: vi.fn(), key: options.server.key };
    calls.push({ options, peer });
    return options.server.key === 'peerjs' || options.server.key === 'lan-b'
      ? Promise.resolve(peer as unknown as Peer)
      : Promise.reject(new MeetingError('server-unreachable', 'invalid key'));
  });
});

describe('register', () => {
  it('registers, lists members and reads the config at once; ICE complete before use', async () => {
    const seen: string[] = [];
    const r = await registerSelf(
      false,
      serverFetch({ iceServers: [hostIce], key: 'peerjs' }, seen),
    );
    expect(calls).toHaveLength(1);
    // The Peer was created before the config was in; its configuration is completed by reference.
    expect(calls[0]?.options.rtcConfig.iceServers).toEqual([...userIce, hostIce]);
    expect(seen.sort()).toEqual(['/parley/config', '/peerjs/peers']);
    expect(await r.members).toEqual([member]);
    expect(r.server).toEqual(server);
  });

  it('does not read the config when the request carries it', async () => {
    const seen: string[] = [];
    const r = await registerSelf(true, serverFetch({ iceServers: [hostIce] }, seen));
    expect(seen).toEqual(['/peerjs/peers']);
    expect(calls[0]?.options.rtcConfig.iceServers).toEqual(userIce);
    expect(await r.members).toEqual([member]);
  });

  it('registers and lists again when the config names another key', async () => {
    const seen: string[] = [];
    const r = await register({
      id: self,
      prefix,
      server: { ...server, key: 'guessed' },
      iceServers: [],
      configKnown: false,
      fetch: serverFetch({ iceServers: [], key: 'lan-b' }, seen, 'lan-b'),
    });
    expect(calls.map((c) => c.options.server.key)).toEqual(['guessed', 'lan-b']);
    expect(r.server.key).toBe('lan-b');
    expect(r.peer).toBe(calls[1]?.peer);
    expect(await r.members).toEqual([member]);
  });
});
