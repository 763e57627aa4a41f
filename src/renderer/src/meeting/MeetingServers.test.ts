import { describe, expect, it } from 'vitest';
import { MeetingIds } from './MeetingIds';
import {
  locateMeeting,
  mergeIceServers,
  pickServer,
  readServerConfig,
  uniqueServers,
} from './MeetingServers';

const code = 'abc-defg-hjk';
const prefix = MeetingIds.prefix(code);
const member = `${prefix}aaaaaaaaaaaa`;
const own = { host: '127.0.0.1', port: 9000, path: '/', key: 'peerjs', secure: false };
const lanA = { ...own, host: '192.168.1.30' };
const lanB = { ...own, host: '192.168.1.40', port: 9100, key: 'other' };

/** Answers `{key}/peers` per host:port: a list of ids, an HTTP status, or a refusal. */
function lanFetch(
  servers: Record<string, string[] | number | 'refused' | 'hang'>,
  seen: string[] = [],
): typeof fetch {
  return (input, init) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    seen.push(url.href);
    const answer = servers[url.host];
    if (answer === undefined || answer === 'refused')
      return Promise.reject(new TypeError('Failed to fetch'));
    if (answer === 'hang') {
      return new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => {
          reject(new DOMException('timed out', 'TimeoutError'));
        });
      });
    }
    if (typeof answer === 'number') return Promise.resolve(new Response('no', { status: answer }));
    return Promise.resolve(new Response(JSON.stringify(answer), { status: 200 }));
  };
}

describe('locateMeeting / pickServer', () => {
  it('asks every server at once and joins the one with members', async () => {
    const seen: string[] = [];
    const fetchImpl = lanFetch(
      { '127.0.0.1:9000': [], '192.168.1.30:9000': 'refused', '192.168.1.40:9100': [member] },
      seen,
    );
    const picked = await pickServer({
      code,
      prefix,
      create: false,
      server: own,
      search: [lanA, lanB, { ...lanB }],
      fetch: fetchImpl,
    });
    expect(picked).toEqual(lanB);
    // Each server once (duplicates dropped), with its own key.
    expect(seen.sort()).toEqual([
      'http://127.0.0.1:9000/peerjs/peers',
      'http://192.168.1.30:9000/peerjs/peers',
      'http://192.168.1.40:9100/other/peers',
    ]);
  });

  it('does not wait for a slow server once another has the meeting; times out the rest', async () => {
    const started = Date.now();
    const found = await locateMeeting([own, lanA], prefix, {
      fetch: lanFetch({ '127.0.0.1:9000': 'hang', '192.168.1.30:9000': [member] }),
      timeoutMs: 5000,
    });
    expect(found).toMatchObject({ found: true, server: lanA, members: [member] });
    expect(Date.now() - started).toBeLessThan(1000);
    const none = await locateMeeting([own, lanA], prefix, {
      fetch: lanFetch({ '127.0.0.1:9000': 'hang', '192.168.1.30:9000': [] }),
      timeoutMs: 100,
    });
    expect(none).toMatchObject({ found: false, asked: 2, answered: 1 });
  });

  it('says meeting-not-found when the servers that answered have no member', async () => {
    const error = await pickServer({
      code,
      prefix,
      create: false,
      server: own,
      search: [lanA],
      fetch: lanFetch({ '127.0.0.1:9000': [], '192.168.1.30:9000': 401 }),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ type: 'meeting-not-found' });
    expect((error as Error).message).toMatch(/No meeting abc-defg-hjk is running on any of the 1/);
  });

  it('says server-unreachable when nobody answered or there is nowhere to look', async () => {
    const base = { code, prefix, create: false, fetch: lanFetch({}) };
    await expect(pickServer({ ...base, server: own, search: [lanA] })).rejects.toMatchObject({
      type: 'server-unreachable',
      message: expect.stringMatching(/None of the 2 meeting servers/) as unknown,
    });
    await expect(pickServer({ ...base, server: undefined, search: [] })).rejects.toMatchObject({
      type: 'server-unreachable',
    });
  });

  it('creates on the given server, and uses a single candidate without asking', async () => {
    const seen: string[] = [];
    const base = { code, prefix, fetch: lanFetch({}, seen) };
    expect(await pickServer({ ...base, create: true, server: own, search: [lanA] })).toBe(own);
    expect(await pickServer({ ...base, create: false, server: undefined, search: [lanA] })).toBe(
      lanA,
    );
    expect(await pickServer({ ...base, create: false, server: own, search: [{ ...own }] })).toBe(
      own,
    );
    expect(seen).toEqual([]);
    await expect(
      pickServer({ ...base, create: true, server: undefined, search: [lanA] }),
    ).rejects.toMatchObject({ type: 'server-unreachable' });
  });

  it('treats host, port and path as the identity of a server', () => {
    expect(
      uniqueServers([own, { ...own, host: '127.0.0.1' }, { ...own, path: '/x/' }]),
    ).toHaveLength(2);
  });
});

describe('readServerConfig', () => {
  const respond =
    (status: number, body: unknown, seen: string[] = []): typeof fetch =>
    (input) => {
      seen.push(String(input instanceof Request ? input.url : input));
      return Promise.resolve(new Response(JSON.stringify(body), { status }));
    };

  it("reads the server's ICE servers and key from {path}parley/config", async () => {
    const seen: string[] = [];
    const config = await readServerConfig(
      { ...own, path: '/meet/' },
      {
        fetch: respond(
          200,
          { iceServers: [{ urls: 'stun:stun.example.org' }], path: '/meet/', key: 'k2' },
          seen,
        ),
      },
    );
    expect(seen).toEqual(['http://127.0.0.1:9000/meet/parley/config']);
    expect(config).toEqual({ iceServers: [{ urls: ['stun:stun.example.org'] }], key: 'k2' });
  });

  it('never fails: absent route, refusal, invalid ICE servers or key give nothing', async () => {
    const logged: string[] = [];
    const log = (m: string): void => {
      logged.push(m);
    };
    expect(await readServerConfig(own, { fetch: respond(404, 'Not Found') })).toEqual({
      iceServers: [],
    });
    expect(
      await readServerConfig(own, {
        fetch: () => Promise.reject(new TypeError('Failed to fetch')),
        log,
      }),
    ).toEqual({ iceServers: [] });
    expect(
      await readServerConfig(own, {
        fetch: respond(200, { iceServers: [{ urls: 'http://x' }], key: 'ok' }),
        log,
      }),
    ).toEqual({ iceServers: [] });
    expect(
      await readServerConfig(own, { fetch: respond(200, { iceServers: [], key: '../x' }) }),
    ).toEqual({ iceServers: [] });
    expect(logged).toHaveLength(2);
  });
});

describe('mergeIceServers', () => {
  it('keeps each STUN/TURN server once, in order', () => {
    const turn = { urls: ['turn:t.example.org'], username: 'u', credential: 'c' };
    expect(
      mergeIceServers(
        [{ urls: 'stun:s.example.org' }, turn],
        [{ urls: ['stun:s.example.org'] }, { ...turn, credential: 'other' }, turn],
      ),
    ).toEqual([{ urls: 'stun:s.example.org' }, turn, { ...turn, credential: 'other' }]);
  });
});
