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
  SCRIPTS,
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

  async function user(name: string, server: ServerInfo): Promise<TestUser> {
    const u = await chrome.newUser(name, { server: site, scripts: SCRIPTS });
    await u.page.evaluate(
      (s) => {
        window.lab.server = s;
      },
      { host: server.host, port: server.port, path: server.path, key: server.key },
    );
    return u;
  }

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
        await bob.page.evaluate(([kind, id]) => window.lab.makePeer('bob', kind, id), [
          b,
          bobId,
        ] as const);
        await alice.page.evaluate((kind) => window.lab.makePeer('alice', kind), a);
        for (const serialization of ['binary', 'binary-utf8', 'json', 'raw']) {
          const key = await alice.page.evaluate(
            ([id, ser]) =>
              window.lab.connect('alice', id, {
                serialization: ser,
                label: `l-${ser}`,
                metadata: { ser },
              }),
            [bobId, serialization] as const,
          );
          await waitForPage(alice, (k) => window.lab.has(`${k}:open`), key, {
            description: `${key} open (${serialization})`,
          });
          const remoteKey = await waitForPage(
            bob,
            () =>
              Object.keys(window.lab.conns).find(
                (k) => !window.lab.has(`${k}:checked`) && window.lab.conns[k]?.open,
              ) ?? '',
            undefined,
          );
          const meta = await bob.page.evaluate((k) => {
            const c = window.lab.conns[k];
            if (!c) throw new Error('no conn');
            window.lab.events.push(`${k}:checked`);
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
          const values =
            serialization === 'raw'
              ? ['text', 'ünï']
              : ['text', 42, { a: [1, 'x', null] }, [true, false]];
          await alice.page.evaluate(
            ([k, vs]) => {
              for (const v of vs) void window.lab.conns[k]?.send(v);
            },
            [key, values] as const,
          );
          const got = await waitForPage(
            bob,
            ([k, n]) =>
              (window.lab.received[k]?.length ?? 0) >= n ? window.lab.received[k] : undefined,
            [remoteKey, values.length] as const,
            { description: `${serialization} messages` },
          );
          expect(got).toEqual(values);
        }
      });
    }
  }
});
