/**
 * Two OFFICIAL peerjs 1.5.5 clients, each in its own browser context of real Chromium, brokered
 * by our signaling server; the same scenario against the official `peer` 1.0.2 server is the
 * control. Runs inside the private network namespace (scripts/in-netns.mjs), no STUN.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bundleForBrowser,
  evaluateIn,
  requireNetns,
  startStaticServer,
  useChromium,
  waitForPage,
  type StaticServer,
  type TestUser,
} from '../../support';
import type * as InteropPageApi from './peerjsPage';
import { SERIALIZATIONS, expected } from './values';
import { EXPIRE_TIMEOUT_MS, officialPeerServer, parleyServer, type InteropServer } from './servers';

/** The page global defined by the bundle of ./peerjsPage.ts (only used inside page functions). */
declare const InteropPage: typeof InteropPageApi;

const PEERJS_SCRIPT = createRequire(import.meta.url).resolve('peerjs/dist/peerjs.min.js');

interface Side {
  readonly user: TestUser;
  readonly id: string;
}

describe.runIf(requireNetns('peerjs interop'))('official peerjs 1.5.5 clients', () => {
  const chrome = useChromium();
  let site: StaticServer;

  beforeAll(async () => {
    const bundle = await bundleForBrowser('tests/integration/interop/peerjsPage.ts', 'InteropPage');
    site = await startStaticServer({
      '/peerjs.min.js': { file: PEERJS_SCRIPT },
      '/interop.js': bundle,
    });
  }, 120_000);
  afterAll(() => site.close());

  describe.each([parleyServer, officialPeerServer])('brokered by $name', (kind) => {
    let server: InteropServer;
    let alice: Side;
    let bob: Side;
    const sides: Side[] = [];

    async function openPeer(name: string, id?: string): Promise<Side> {
      const user = await chrome.newUser(`${name}@${kind.name}`, {
        server: site,
        scripts: ['/peerjs.min.js', '/interop.js'],
      });
      const address = { host: server.host, port: server.port, path: server.path, key: server.key };
      const opened = await evaluateIn(user, ([a, i]) => InteropPage.start(a, i), [
        address,
        id,
      ] as const);
      const side = { user, id: opened };
      sides.push(side);
      return side;
    }

    /** Connection `id` as `side` sees it, once `ready` holds for it. */
    function connectionOf(side: Side, id: string, ready: string, timeoutMs = 30_000) {
      return waitForPage(
        side.user,
        ([connectionId, condition]) => {
          const found = InteropPage.snapshot().connections.find((c) => c.id === connectionId);
          if (found === undefined) return undefined;
          const ok = condition === 'open' ? found.opened : found.closed;
          return ok ? found : undefined;
        },
        [id, ready] as const,
        { timeoutMs, description: `connection ${id} ${ready}` },
      );
    }

    beforeAll(async () => {
      server = await kind.start();
      alice = await openPeer('alice'); // server-assigned id (GET {path}{key}/id)
      bob = await openPeer('bob', `bob-${Date.now()}`); // chosen id
    }, 120_000);
    afterAll(async () => {
      // Peers first, so they do not log a lost server connection.
      await Promise.all(sides.map((side) => side.user.close()));
      await server.close();
    });

    it('opens peers with a server-assigned id and with a chosen id', () => {
      expect(alice.id).toMatch(/^[A-Za-z0-9][A-Za-z0-9 _-]*$/);
      expect(bob.id).toMatch(/^bob-\d+$/);
      expect(alice.id).not.toBe(bob.id);
    });

    it.each(SERIALIZATIONS)(
      'exchanges data both ways with serialization $serialization',
      async ({ serialization, reported, values }) => {
        const id = await evaluateIn(alice.user, ([to, s]) => InteropPage.connect(to, s), [
          bob.id,
          serialization,
        ] as const);
        const [mine, theirs] = await Promise.all([
          connectionOf(alice, id, 'open'),
          connectionOf(bob, id, 'open'),
        ]);
        expect(mine.serialization).toBe(reported);
        expect(theirs).toMatchObject({ peer: alice.id, serialization: reported });

        for (const [from, to] of [
          [alice, bob],
          [bob, alice],
        ] as const) {
          for (const value of values) {
            await evaluateIn(from.user, ([c, v]) => InteropPage.send(c, v), [id, value] as const);
          }
          const received = await waitForPage(
            to.user,
            ([c, n]) => {
              const found = InteropPage.snapshot().connections.find((x) => x.id === c);
              return found !== undefined && found.received.length >= n ? found.received : undefined;
            },
            [id, values.length] as const,
            { description: `${values.length} values on ${serialization} connection ${id}` },
          );
          // Each side's list holds only what the other side sent.
          expect(received).toEqual(values.map(expected(serialization)));
        }
      },
    );

    it('calls with fake media both ways, answered with a stream, and decodes video', async () => {
      const callId = await evaluateIn(alice.user, (to) => InteropPage.call(to), bob.id);
      for (const side of [alice, bob]) {
        await waitForPage(
          side.user,
          (c) => {
            const call = InteropPage.snapshot().calls.find((x) => x.id === c);
            return call !== undefined && call.remoteStream && call.renderedFrames >= 10;
          },
          callId,
          { timeoutMs: 45_000, description: `10 rendered remote video frames of call ${callId}` },
        );
        const decoded = await evaluateIn(side.user, (c) => InteropPage.framesDecoded(c), callId);
        expect(decoded, `${side.user.name} framesDecoded`).toBeGreaterThan(0);
      }
      await evaluateIn(
        bob.user,
        (c) => {
          InteropPage.close(c);
        },
        callId,
      );
      // peerjs notices the remote end of a call going away through ICE (disconnected).
      await waitForPage(
        alice.user,
        (c) => InteropPage.snapshot().calls.find((x) => x.id === c)?.closed === true,
        callId,
        { timeoutMs: 45_000, description: `call ${callId} closed by bob` },
      );
    });

    it('reports peer-unavailable for an id nobody has, after the server expires the offer', async () => {
      const ghost = `ghost-${Date.now()}`;
      await evaluateIn(alice.user, (to) => InteropPage.connect(to, 'json'), ghost);
      const error = await waitForPage(
        alice.user,
        (to) => InteropPage.snapshot().errors.find((e) => e.message.includes(to)),
        ghost,
        { timeoutMs: EXPIRE_TIMEOUT_MS + 20_000, description: `peer-unavailable for ${ghost}` },
      );
      expect(error.type).toBe('peer-unavailable');
    });

    it('detects a closed DataConnection and a destroyed peer on the other side', async () => {
      const first = await evaluateIn(alice.user, (to) => InteropPage.connect(to, 'json'), bob.id);
      await connectionOf(bob, first, 'open');
      await evaluateIn(
        alice.user,
        (c) => {
          InteropPage.close(c);
        },
        first,
      );
      await connectionOf(bob, first, 'closed');

      const second = await evaluateIn(
        bob.user,
        (to) => InteropPage.connect(to, 'binary'),
        alice.id,
      );
      await connectionOf(alice, second, 'open');
      await evaluateIn(
        bob.user,
        () => {
          InteropPage.destroy();
        },
        undefined,
      );
      await connectionOf(alice, second, 'closed');

      for (const side of [alice, bob]) {
        expect(side.user.errors.filter((e) => !e.startsWith('console.'))).toEqual([]);
      }
    });
  });
});
