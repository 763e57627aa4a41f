/**
 * Data connections in real Chromium: Parley ↔ Parley and Parley ↔ peerjs 1.5.5 (both
 * directions), on our server and on the official `peer` server, for each serialization.
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
  labUser,
  startOfficialServer,
  startParleyServer,
  startSite,
  type ServerInfo,
} from './fixtures';

import './labTypes';

describe.runIf(requireNetns('peer data'))('peer data connections', () => {
  const chrome = useChromium();
  let site: StaticServer;
  const servers: ServerInfo[] = [];

  beforeAll(async () => {
    site = await startSite();
    servers.push(await startParleyServer(), await startOfficialServer());
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await site.close();
  });

  const user = (name: string, server: ServerInfo): Promise<TestUser> =>
    labUser(chrome, name, site, server);

  for (const serverKind of ['parley', 'peer'] as const) {
    for (const [a, b] of [
      ['parley', 'parley'],
      ['parley', 'peerjs'],
      ['peerjs', 'parley'],
    ] as const) {
      it(`${a} → ${b} on the ${serverKind} server: every serialization round-trips`, async () => {
        const server = servers.find((s) => s.kind === serverKind);
        if (!server) throw new Error('no server');
        const alice = await user('alice', server);
        const bob = await user('bob', server);
        const bobId = `bob-${serverKind}-${a}-${b}`;
        await bob.page.evaluate(([kind, id]) => globalThis.lab.makePeer('bob', kind, id), [
          b,
          bobId,
        ] as const);
        await alice.page.evaluate((kind) => globalThis.lab.makePeer('alice', kind), a);
        for (const serialization of ['binary', 'binary-utf8', 'json', 'raw']) {
          const key = await alice.page.evaluate(
            ([id, ser]) =>
              globalThis.lab.connect('alice', id, {
                serialization: ser,
                label: `l-${ser}`,
                metadata: { ser },
              }),
            [bobId, serialization] as const,
          );
          await waitForPage(alice, (k) => globalThis.lab.has(`${k}:open`), key, {
            description: `${key} open (${serialization})`,
          });
          const remoteKey = await waitForPage(
            bob,
            () =>
              Object.keys(globalThis.lab.conns).find(
                (k) => !globalThis.lab.has(`${k}:checked`) && globalThis.lab.conns[k]?.open,
              ) ?? '',
            undefined,
          );
          const meta = await bob.page.evaluate((k) => {
            const c = globalThis.lab.conns[k];
            if (!c) throw new Error('no conn');
            globalThis.lab.events.push(`${k}:checked`);
            return { label: c.label, metadata: c.metadata, serialization: c.serialization };
          }, remoteKey);
          // peerjs's binary-utf8 connection announces itself as 'binary'.
          const announced =
            (a === 'peerjs' || b === 'peerjs') && serialization === 'binary-utf8'
              ? 'binary'
              : serialization;
          expect(meta).toEqual({
            label: `l-${serialization}`,
            metadata: { ser: serialization },
            serialization: announced,
          });
          // Values as JSON; `{ bytes }` stands for binary data (sent as ArrayBuffer, Uint8Array,
          // Blob or text per serialization, compared as bytes on arrival).
          const all: unknown[] =
            serialization === 'raw'
              ? ['text', 'ünï', { bytes: [1, 2, 3] }, { bytes: [9, 8] }]
              : serialization === 'json'
                ? ['text', 'ünï€😀', 42, -0.5, true, null, { a: [1, 'x', null] }, [true, false]]
                : [
                    'text',
                    'ünï€😀',
                    42,
                    -0.5,
                    2 ** 40,
                    true,
                    null,
                    { a: [1, 'x', null] },
                    [true, false],
                    { bytes: [1, 2, 3] },
                    { bytes: [4, 5] },
                  ];
          // peerjs 1.5.5 throws on a top-level null in binary and json (it reads
          // `data.__peerData` of every message), so null goes nested only to peerjs.
          const values = b === 'peerjs' ? all.filter((v) => v !== null) : all;
          await alice.page.evaluate(
            ([k, vs]) => {
              const c = globalThis.lab.conns[k];
              if (!c) throw new Error('no connection');
              let n = 0;
              for (const v of vs) {
                const bytes = (v as { bytes?: number[] } | null)?.bytes;
                // Alternate ArrayBuffer and Uint8Array for binary values.
                if (bytes)
                  void c.send(n++ % 2 === 0 ? new Uint8Array(bytes).buffer : new Uint8Array(bytes));
                else void c.send(v);
              }
            },
            [key, values] as const,
          );
          const got = await waitForPage(
            bob,
            ([k, n]) => {
              const r = globalThis.lab.received[k] ?? [];
              if (r.length < n) return undefined;
              return r.map((v) =>
                v instanceof ArrayBuffer
                  ? { bytes: [...new Uint8Array(v)] }
                  : ArrayBuffer.isView(v)
                    ? { bytes: [...new Uint8Array(v.buffer, v.byteOffset, v.byteLength)] }
                    : v,
              );
            },
            [remoteKey, values.length] as const,
            { description: `${serialization} messages` },
          );
          expect(got).toEqual(values);
        }
      });
    }
  }
});
