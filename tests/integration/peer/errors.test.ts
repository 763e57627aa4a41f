/**
 * Every PeerJS error type that can be provoked, against our server and the official `peer`
 * server, plus Parley's connection-level errors (peer-unavailable and timeout on the
 * DataConnection) and reconnection after the server restarts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  pageHtml,
  requireNetns,
  useChromium,
  waitForPage,
  type StaticServer,
  type TestUser,
} from '../../support';
import {
  SCRIPTS,
  labUser,
  startOfficialServer,
  startParleyServer,
  startSite,
  type ServerInfo,
} from './fixtures';
import './labTypes';

describe.runIf(requireNetns('peer errors'))('peer errors and server link', () => {
  const chrome = useChromium();
  let site: StaticServer;

  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(async () => {
    await site.close();
  });

  const user = (name: string, server: { host: string; port: number }): Promise<TestUser> =>
    labUser(chrome, name, site, server);

  const errorOf = (
    u: TestUser,
    who: string,
    type: string,
  ): Promise<{ message: string; peer: string | null }> =>
    waitForPage(
      u,
      ([w, t]) => globalThis.lab.errors.find((e) => e.who === w && e.type === t),
      [who, type] as const,
      { description: `${who} error ${type}` },
    );

  for (const kind of ['parley', 'peer'] as const) {
    describe(`on the ${kind} server`, () => {
      let server: ServerInfo;
      beforeAll(async () => {
        server = kind === 'parley' ? await startParleyServer() : await startOfficialServer();
      });
      afterAll(async () => {
        await server.close();
      });

      it('invalid-id, unavailable-id and invalid-key', async () => {
        const u = await user('u', server);
        await u.page.evaluate(() =>
          globalThis.lab.makePeer('bad', 'parley', 'not valid!').catch(() => undefined),
        );
        await errorOf(u, 'bad', 'invalid-id');
        expect(await u.page.evaluate(() => globalThis.lab.peers.bad?.destroyed)).toBe(true);

        await u.page.evaluate(() => globalThis.lab.makePeer('first', 'parley', 'taken-id'));
        await u.page.evaluate(() =>
          globalThis.lab.makePeer('second', 'parley', 'taken-id').catch(() => undefined),
        );
        await errorOf(u, 'second', 'unavailable-id');

        await u.page.evaluate(() =>
          globalThis.lab
            .makePeer('keyed', 'parley', 'keyed-id', { key: 'wrong' })
            .catch(() => undefined),
        );
        await errorOf(u, 'keyed', 'invalid-key');
      });

      it('peer-unavailable on the DataConnection and on the Peer, with the id', async () => {
        const u = await user('u', server);
        await u.page.evaluate(() => globalThis.lab.makePeer('alice', 'parley'));
        const key = await u.page.evaluate(() =>
          globalThis.lab.connect('alice', 'nobody-here', { timeout: 0 }),
        );
        const onConn = await errorOf(u, key, 'peer-unavailable');
        const onPeer = await errorOf(u, 'alice', 'peer-unavailable');
        expect(onConn.peer).toBe('nobody-here');
        expect(onPeer.peer).toBe('nobody-here');
        await waitForPage(u, (k) => globalThis.lab.has(`${k}:close`), key);
      });

      it('a connection that never opens fails with timeout', async () => {
        // A real ws client registers an id and never answers offers.
        const mute = new WebSocket(
          `ws://${server.host}:${server.port}/peerjs?key=peerjs&id=mute-${kind}&token=t1`,
        );
        await new Promise((resolve, reject) => {
          mute.once('message', resolve);
          mute.once('error', reject);
        });
        try {
          const u = await user('u', server);
          await u.page.evaluate(() => globalThis.lab.makePeer('alice', 'parley'));
          const key = await u.page.evaluate(
            (id) => globalThis.lab.connect('alice', id, { timeout: 1500 }),
            `mute-${kind}`,
          );
          await errorOf(u, key, 'timeout');
          await waitForPage(u, (k) => globalThis.lab.has(`${k}:close`), key);
        } finally {
          mute.close();
        }
      });

      it('disconnected: connect() after disconnect() fails on the Peer and the connection', async () => {
        const u = await user('u', server);
        const id = await u.page.evaluate(() => globalThis.lab.makePeer('alice', 'parley'));
        await u.page.evaluate(() => {
          globalThis.lab.peers.alice?.disconnect();
        });
        expect(await u.page.evaluate(() => globalThis.lab.has('alice:disconnected'))).toBe(true);
        const key = await u.page.evaluate(() => globalThis.lab.connect('alice', 'someone'));
        await errorOf(u, 'alice', 'disconnected');
        await errorOf(u, key, 'disconnected');
        // reconnect() comes back with the same id.
        await u.page.evaluate(() => {
          globalThis.lab.peers.alice?.reconnect();
        });
        await waitForPage(
          u,
          (i) => globalThis.lab.events.filter((e) => e === `alice:open:${i}`).length === 2,
          id,
          {
            description: 'open again with the same id',
          },
        );
      });
    });
  }

  it('socket-error when the server address is unusable, and util facts', async () => {
    const u = await user('u', { host: '127.0.0.1', port: 9 });
    await u.page.evaluate(() =>
      globalThis.lab
        .makePeer('odd', 'parley', 'odd-id', { host: 'bad#host' })
        .catch(() => undefined),
    );
    await errorOf(u, 'odd', 'socket-error');
    const facts = await u.page.evaluate(() => {
      const { util } = (
        globalThis as unknown as {
          ParleyPeer: {
            util: {
              browser: string;
              supports: Record<string, boolean>;
              validateId(id: string): boolean;
            };
          };
        }
      ).ParleyPeer;
      return {
        browser: util.browser,
        supports: util.supports,
        ok: util.validateId('a-b_c 1'),
        bad: util.validateId('-x'),
      };
    });
    expect(facts).toEqual({
      browser: 'chrome',
      supports: {
        browser: true,
        webRTC: true,
        audioVideo: true,
        data: true,
        binaryBlob: true,
        reliable: true,
      },
      ok: true,
      bad: false,
    });
  });

  it('ssl-unavailable: an https page cannot reach a ws:// server', async () => {
    // The page is served as https://parley.test (Playwright fulfils the requests from our
    // static site), so Chromium refuses the insecure WebSocket with a SecurityError.
    const u = await user('u', { host: '127.0.0.1', port: 9 });
    await u.context.route('https://parley.test/**', async (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/ssl.html') {
        await route.fulfill({ contentType: 'text/html', body: pageHtml('ssl', SCRIPTS) });
        return;
      }
      const response = await fetch(site.url(path));
      await route.fulfill({
        status: response.status,
        contentType: response.headers.get('content-type') ?? 'text/plain',
        body: Buffer.from(await response.arrayBuffer()),
      });
    });
    await u.page.goto('https://parley.test/ssl.html');
    const result = await u.page.evaluate(async () => {
      globalThis.lab.server = { host: 'signal.parley.test', port: 9000, path: '/', key: 'peerjs' };
      await globalThis.lab
        .makePeer('tls', 'parley', 'tls-id', { secure: false })
        .catch(() => undefined);
      const peer = globalThis.lab.peers.tls;
      return {
        origin: location.origin,
        errors: globalThis.lab.errors.map((e) => `${e.who}:${e.type}`),
        destroyed: peer?.destroyed,
        open: peer?.open,
      };
    });
    expect(result).toEqual({
      origin: 'https://parley.test',
      errors: ['tls:ssl-unavailable'],
      destroyed: true,
      open: false,
    });
  });

  it('server-error without an id and network with one when the server is down', async () => {
    const gone = await startParleyServer();
    const address = { host: gone.host, port: gone.port };
    await gone.close();
    const u = await user('u', address);
    await u.page.evaluate(() => globalThis.lab.makePeer('noid', 'parley').catch(() => undefined));
    await errorOf(u, 'noid', 'server-error');
    await u.page.evaluate(() =>
      globalThis.lab.makePeer('withid', 'parley', 'with-id').catch(() => undefined),
    );
    await errorOf(u, 'withid', 'network');
  });

  it('socket-closed when the server shuts down, then automatic reconnection with the same id', async () => {
    let server = await startParleyServer();
    const port = server.port;
    const u = await user('u', server);
    const peerU = await user('v', server);
    const id = await u.page.evaluate(() =>
      globalThis.lab.makePeer('alice', 'parley', 'stays-alice', { reconnectDelay: 200 }),
    );
    await server.close();
    await errorOf(u, 'alice', 'socket-closed');
    await waitForPage(u, () => globalThis.lab.has('alice:disconnected'), undefined);
    server = await startParleyServer(port);
    try {
      await waitForPage(
        u,
        (i) => globalThis.lab.events.filter((e) => e === `alice:open:${i}`).length === 2,
        id,
        {
          description: 'alice re-registered by herself',
          timeoutMs: 40_000,
        },
      );
      expect(await u.page.evaluate(() => globalThis.lab.peers.alice?.id)).toBe('stays-alice');
      // The re-registered id is reachable again.
      await peerU.page.evaluate(() => globalThis.lab.makePeer('bob', 'parley'));
      const key = await peerU.page.evaluate(() => globalThis.lab.connect('bob', 'stays-alice'));
      await waitForPage(peerU, (k) => globalThis.lab.has(`${k}:open`), key);
    } finally {
      await server.close();
    }
  });
});
