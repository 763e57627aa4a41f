/**
 * The fixed setting of a run: our signaling server on 127.0.0.1:0, a static site serving the
 * three client libraries and the page module, one Chromium, and up to four users (browser
 * contexts) — a, b for the pairwise metrics, c and d joining for the mesh.
 */
import { resolve } from 'node:path';
import type { Browser, CDPSession } from 'playwright-core';
import { createLogger } from '../../src/main/logging';
import { startSignalingServer, type SignalingServer } from '../../src/main/signaling';
import {
  bundleForBrowser,
  evaluateIn,
  launchChromium,
  openUser,
  startStaticServer,
  type StaticServer,
  type TestUser,
} from '../../tests/support';
import type * as PageApi from './page/index';
import type { Lib, ServerInfo } from './page/types';

declare const ClientBench: typeof PageApi;

export const USER_NAMES = ['a', 'b', 'c', 'd'] as const;
export type UserName = (typeof USER_NAMES)[number];

export class BenchSession {
  readonly #users = new Map<UserName, TestUser>();
  readonly #cdp = new Map<UserName, CDPSession>();
  readonly #endpoints = new Set<string>();
  /** Why an implementation cannot run at all (e.g. its bundle failed to build). */
  readonly unusable = new Map<Lib, string>();

  private constructor(
    readonly root: string,
    readonly browser: Browser,
    readonly site: StaticServer,
    readonly signaling: SignalingServer,
    readonly server: ServerInfo,
    /** The code of the page module and of our client (undefined when it did not build). */
    readonly pageBundle: string,
    readonly parleyBundle: string | undefined,
  ) {}

  static async start(root: string, log: (line: string) => void): Promise<BenchSession> {
    const signaling = await startSignalingServer(
      {
        host: '127.0.0.1',
        port: 0,
        path: '/',
        key: 'peerjs',
        // Every page comes from 127.0.0.1 and trickles candidates: no per-IP or rate limits.
        perIpLimit: 0,
        messageRate: 100_000,
        messageBurst: 100_000,
      },
      { logger: createLogger({ level: 'warn' }) },
    );
    const cleanups: (() => Promise<unknown>)[] = [() => signaling.close()];
    try {
      log('bundling the page module and our client (vite, cached)…');
      const page = await bundleForBrowser('bench/client/page/index.ts', 'ClientBench');
      let parley: string | undefined;
      let parleyError: string | undefined;
      try {
        parley = await bundleForBrowser('src/renderer/src/peer/index.ts', 'ParleyPeer');
      } catch (error) {
        const detail = (error instanceof Error ? error.message : String(error))
          // eslint-disable-next-line no-control-regex -- strips the build's terminal colours
          .replace(/\u001b\[[\d;]*m/g, '')
          .replace(/\s+/g, ' ');
        parleyError = `ParleyPeer bundle failed: ${detail.slice(0, 300)}`;
        log(parleyError);
      }
      const site = await startStaticServer({
        '/parley.js': parley ?? '/* ParleyPeer did not build */',
        '/peerjs.js': { file: resolve(root, 'node_modules/peerjs/dist/peerjs.min.js') },
        '/bench.js': page,
      });
      cleanups.push(() => site.close());
      const browser = await launchChromium();
      const server: ServerInfo = {
        host: '127.0.0.1',
        port: signaling.port,
        path: '/',
        key: 'peerjs',
      };
      const session = new BenchSession(root, browser, site, signaling, server, page, parley);
      if (parleyError !== undefined) session.unusable.set('parley', parleyError);
      return session;
    } catch (error) {
      for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
      throw error;
    }
  }

  /** The user (opened on first use, with every library loaded and the server configured). */
  async user(name: UserName): Promise<TestUser> {
    let user = this.#users.get(name);
    if (user === undefined) {
      user = await openUser(this.browser, name, {
        server: this.site,
        scripts: ['/parley.js', '/peerjs.js', '/bench.js'],
      });
      this.#users.set(name, user);
      await evaluateIn(
        user,
        (info) => {
          ClientBench.configure(info);
        },
        this.server,
      );
    }
    return user;
  }

  /** A DevTools session on the user's page. */
  async cdp(name: UserName): Promise<CDPSession> {
    let session = this.#cdp.get(name);
    if (session === undefined) {
      const user = await this.user(name);
      session = await user.context.newCDPSession(user.page);
      this.#cdp.set(name, session);
    }
    return session;
  }

  /** The id of `name`'s long-lived endpoint of `lib`, opened on first use. */
  async endpoint(name: UserName, lib: Lib): Promise<string> {
    const id = `${name}-${lib}`;
    if (!this.#endpoints.has(id)) {
      const user = await this.user(name);
      await evaluateIn(user, ([l, i]) => ClientBench.openEndpoint(l, i), [lib, id] as const);
      this.#endpoints.add(id);
    }
    return id;
  }

  /** Errors the user's page saw outside measured calls since the last look. */
  async pageErrors(name: UserName): Promise<string[]> {
    const user = this.#users.get(name);
    if (!user) return [];
    return evaluateIn(user, () => ClientBench.takeErrors(), undefined);
  }

  async close(): Promise<void> {
    for (const user of this.#users.values()) {
      await evaluateIn(
        user,
        () => {
          ClientBench.destroyAll();
        },
        undefined,
      ).catch(() => undefined);
      await user.close();
    }
    await this.browser.close().catch(() => undefined);
    await this.site.close();
    await this.signaling.close();
  }
}
