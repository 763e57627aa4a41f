/**
 * MsgPack interop with peerjs 1.5.5's MsgPackPeer (its module build), both directions: each side
 * places the connection once, and both sides send every data type PeerJS's MsgPack carries plus
 * a 1 MiB binary (many 32 KiB stream frames) on it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  requireNetns,
  useChromium,
  waitForPage,
  type StaticServer,
  type TestUser,
} from '../../support';
import {
  MSGPACK_SCRIPTS,
  labUser,
  startParleyServer,
  startSite,
  type ServerInfo,
} from './fixtures';
import './labTypes';

const MiB = 1024 * 1024;

/** What each side sends, in this order (built in the page: Dates and typed arrays). */
function sendAll([key, bigSize]: readonly [string, number]): string {
  const c = globalThis.lab.conns[key];
  if (!c) throw new Error(`no connection ${key}`);
  const big = globalThis.lab.pattern(bigSize, 11);
  for (const v of [
    'str',
    '',
    'ünï€😀',
    0,
    -1,
    2 ** 40,
    -1.5,
    true,
    false,
    // No top-level null: peerjs's MsgPack receiver reads `value.__peerData` and its read
    // loop dies on null (a peerjs 1.5.5 bug). Nested nulls are fine.
    [1, [2, 'x'], { y: null }],
    { a: { b: [null, 1] }, t: 'text' },
    new Uint8Array([1, 2, 3]),
    new Date(Date.UTC(2024, 1, 29, 12, 34, 56, 789)),
    big,
  ])
    void c.send(v);
  return globalThis.lab.checksum(big);
}

/** The received values, made comparable (bytes → { bytes } or { checksum }, Dates → ISO). */
function receivedOf([key, count]: readonly [string, number]): unknown[] | undefined {
  const r = globalThis.lab.received[key] ?? [];
  if (r.length < count) return undefined;
  return r.map((v) => {
    if (v instanceof Date) return { date: v.toISOString() };
    if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) {
      const bytes =
        v instanceof ArrayBuffer
          ? new Uint8Array(v)
          : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      return bytes.byteLength > 16
        ? { checksum: globalThis.lab.checksum(bytes), kind: v.constructor.name }
        : { bytes: [...bytes], kind: v.constructor.name };
    }
    return v;
  });
}

const EXPECTED_HEAD = [
  'str',
  '',
  'ünï€😀',
  0,
  -1,
  2 ** 40,
  -1.5,
  true,
  false,
  [1, [2, 'x'], { y: null }],
  { a: { b: [null, 1] }, t: 'text' },
  { bytes: [1, 2, 3], kind: 'Uint8Array' },
  { date: '2024-02-29T12:34:56.789Z' },
];

describe.runIf(requireNetns('peer MsgPack interop'))(
  'MsgPack interop with peerjs MsgPackPeer',
  () => {
    const chrome = useChromium();
    let site: StaticServer;
    let server: ServerInfo;

    beforeAll(async () => {
      site = await startSite();
      server = await startParleyServer();
    });
    afterAll(async () => {
      await server.close();
      await site.close();
    });

    const user = (name: string): Promise<TestUser> =>
      labUser(chrome, name, site, server, MSGPACK_SCRIPTS);

    for (const [a, b] of [
      ['parley', 'peerjs-msgpack'],
      ['peerjs-msgpack', 'parley'],
    ] as const) {
      it(`${a} connects to ${b}: every MsgPack data type both ways, and 1 MiB of binary`, async () => {
        const alice = await user('alice');
        const bob = await user('bob');
        const bobId = `bob-msgpack-${a}`;
        await bob.page.evaluate(([kind, id]) => globalThis.lab.makePeer('bob', kind, id), [
          b,
          bobId,
        ] as const);
        await alice.page.evaluate((kind) => globalThis.lab.makePeer('alice', kind), a);
        const out = await alice.page.evaluate(
          // MsgPackPeer's connections are MsgPack by default; ours are asked for it.
          ([id, kind]) =>
            globalThis.lab.connect(
              'alice',
              id,
              kind === 'parley' ? { serialization: 'MsgPack' } : {},
            ),
          [bobId, a] as const,
        );
        await waitForPage(alice, (k) => globalThis.lab.has(`${k}:open`), out, {
          description: 'open',
        });
        const inc = await waitForPage(
          bob,
          () => Object.keys(globalThis.lab.conns).find((k) => globalThis.lab.conns[k]?.open),
          undefined,
          { description: 'incoming connection open' },
        );
        expect(await alice.page.evaluate((k) => globalThis.lab.conns[k]?.serialization, out)).toBe(
          'MsgPack',
        );
        expect(await bob.page.evaluate((k) => globalThis.lab.conns[k]?.serialization, inc)).toBe(
          'MsgPack',
        );
        const count = EXPECTED_HEAD.length + 1;
        const sentByAlice = await alice.page.evaluate(sendAll, [out, MiB] as const);
        const sentByBob = await bob.page.evaluate(sendAll, [inc, MiB] as const);
        for (const [receiver, key, sent] of [
          [bob, inc, sentByAlice],
          [alice, out, sentByBob],
        ] as const) {
          const got = await waitForPage(receiver, receivedOf, [key, count] as const, {
            description: `${count} MsgPack messages`,
            timeoutMs: 60_000,
          });
          expect(got.slice(0, EXPECTED_HEAD.length)).toEqual(EXPECTED_HEAD);
          expect(got[EXPECTED_HEAD.length]).toEqual({ checksum: sent, kind: 'Uint8Array' });
        }
        expect(await alice.page.evaluate(() => globalThis.lab.errors)).toEqual([]);
        expect(await bob.page.evaluate(() => globalThis.lab.errors)).toEqual([]);
      }, 120_000);
    }
  },
);
