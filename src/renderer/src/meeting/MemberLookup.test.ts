import { describe, expect, it } from 'vitest';
import { MeetingError } from './engine';
import { MeetingIds } from './MeetingIds';
import { MemberLookup, serverBaseUrl } from './MemberLookup';

const server = { host: '192.168.1.20', port: 9000, path: '/', key: 'peerjs', secure: false };

/** A fetch that answers like the signaling server's HTTP API (its real behaviour is tested in
 * tests/integration/meeting against the real server). */
function serverFetch(status: number, body: unknown, seen: string[] = []): typeof fetch {
  return (input) => {
    seen.push(String(input instanceof Request ? input.url : input));
    return Promise.resolve(new Response(JSON.stringify(body), { status }));
  };
}

describe('MemberLookup', () => {
  const prefix = MeetingIds.prefix('abc-defg-hjk');
  const alice = `${prefix}aaaaaaaaaaaa`;
  const bob = `${prefix}bbbbbbbbbbbb`;

  it('lists the meeting members, not others, not ourselves', async () => {
    const seen: string[] = [];
    const others = [`${MeetingIds.prefix('xyz-defg-hjk')}cccccccccccc`, 'random-peer', 42];
    const lookup = new MemberLookup(server, {
      fetch: serverFetch(200, [alice, bob, ...others], seen),
    });
    expect(await lookup.members(prefix, alice)).toEqual([bob]);
    expect(seen).toEqual(['http://192.168.1.20:9000/peerjs/peers']);
  });

  it('maps failures to server-unreachable with a message', async () => {
    const refused: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    const cases: [typeof fetch, RegExp][] = [
      [refused, /cannot be reached/],
      [serverFetch(401, 'no'), /allow_discovery/],
      [serverFetch(500, 'x'), /HTTP 500/],
      [serverFetch(200, { not: 'a list' }), /not a Parley server/],
    ];
    for (const [fetchImpl, message] of cases) {
      const error = await new MemberLookup(server, { fetch: fetchImpl })
        .members(prefix)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MeetingError);
      expect((error as MeetingError).type).toBe('server-unreachable');
      expect((error as MeetingError).message).toMatch(message);
    }
  });

  it('builds base URLs for paths, TLS and IPv6', () => {
    expect(serverBaseUrl({ ...server, path: '/a/b', secure: true })).toBe(
      'https://192.168.1.20:9000/a/b/',
    );
    expect(serverBaseUrl({ ...server, host: 'fe80::1' })).toBe('http://[fe80::1]:9000/');
  });
});
