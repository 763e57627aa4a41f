/**
 * Shared setup of the peer integration tests: a static site serving the Parley client bundle
 * (global `ParleyPeer`), the official peerjs 1.5.5 bundle and lab.js, and signaling servers —
 * ours (src/main/signaling) and the official `peer` 1.0.2 — on free loopback ports.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PeerServer } from 'peer';
import { startSignalingServer } from '../../../src/main/signaling';
import {
  bundleForBrowser,
  startStaticServer,
  type ChromiumSession,
  type StaticServer,
  type StaticServerOptions,
  type TestUser,
} from '../../support';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '../../..');

export interface ServerInfo {
  readonly kind: 'parley' | 'peer';
  readonly host: string;
  readonly port: number;
  readonly path: string;
  readonly key: string;
  close(): Promise<void>;
}

/** Starts our signaling server on host:port (127.0.0.1; port 0 = free port). */
export async function startParleyServer(port = 0, host = '127.0.0.1'): Promise<ServerInfo> {
  const server = await startSignalingServer({ host, port });
  return {
    kind: 'parley',
    host,
    port: server.port,
    path: '/',
    key: 'peerjs',
    close: () => server.close(),
  };
}

/** Starts the official `peer` 1.0.2 server on 127.0.0.1, a free port. */
export async function startOfficialServer(): Promise<ServerInfo> {
  const http = await new Promise<Server>((resolve) => {
    PeerServer(
      { host: '127.0.0.1', port: 0, path: '/', key: 'peerjs', expire_timeout: 3000 },
      (server) => {
        resolve(server);
      },
    );
  });
  const bound = (http.address() as AddressInfo).port;
  return {
    kind: 'peer',
    host: '127.0.0.1',
    port: bound,
    path: '/',
    key: 'peerjs',
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => {
          resolve();
        });
      }),
  };
}

/** The static site the test pages load from (on 127.0.0.1 unless `options.host` says otherwise). */
export async function startSite(options: StaticServerOptions = {}): Promise<StaticServer> {
  const parley = await bundleForBrowser('src/renderer/src/peer/index.ts', 'ParleyPeer');
  return startStaticServer(
    {
      '/parley.js': parley,
      '/peerjs.js': { file: join(ROOT, 'node_modules/peerjs/dist/peerjs.min.js') },
      '/lab.js': { file: join(HERE, 'lab.js') },
      '/peerjs-msgpack.js': await bundleForBrowser(
        'tests/integration/peer/peerjsMsgPack.entry.ts',
        'PeerJsMsgPack',
      ),
    },
    options,
  );
}

export const SCRIPTS = ['/parley.js', '/peerjs.js', '/lab.js'];

/** Scripts of pages that also use peerjs's MsgPackPeer (`lab.makePeer(name, 'peerjs-msgpack')`). */
export const MSGPACK_SCRIPTS = ['/parley.js', '/peerjs-msgpack.js', '/lab.js'];

/** Where lab.js finds the signaling server. */
export type LabServer = Pick<ServerInfo, 'host' | 'port'> &
  Partial<Pick<ServerInfo, 'path' | 'key'>>;

/** Opens a lab page for `name` on `site`, pointed at `server` (path '/', key 'peerjs' by default). */
export async function labUser(
  chrome: ChromiumSession,
  name: string,
  site: StaticServer,
  server: LabServer,
  scripts: readonly string[] = SCRIPTS,
): Promise<TestUser> {
  const user = await chrome.newUser(name, { server: site, scripts: [...scripts] });
  const info = {
    host: server.host,
    port: server.port,
    path: server.path ?? '/',
    key: server.key ?? 'peerjs',
  };
  await user.page.evaluate((s) => {
    globalThis.lab.server = s;
  }, info);
  return user;
}

/**
 * alice and bob on `server`: bob's peer (client `b`: 'parley' or 'peerjs') registers as
 * `bob-<tag>`, then alice's (client `a`) with an id from the server.
 */
export async function labPair(
  chrome: ChromiumSession,
  site: StaticServer,
  server: LabServer,
  a: string,
  b: string,
  tag: string,
): Promise<{ alice: TestUser; bob: TestUser; bobId: string }> {
  const alice = await labUser(chrome, 'alice', site, server);
  const bob = await labUser(chrome, 'bob', site, server);
  const bobId = `bob-${tag}`;
  await bob.page.evaluate(([kind, id]) => globalThis.lab.makePeer('bob', kind, id), [
    b,
    bobId,
  ] as const);
  await alice.page.evaluate((kind) => globalThis.lab.makePeer('alice', kind), a);
  return { alice, bob, bobId };
}
