/**
 * Setup of the meeting-engine integration tests: our signaling server with allow_discovery (as
 * the app's embedded server and `parley serve` run it) on a loopback port that can be stopped and
 * started again, a static site serving the bundled in-page driver (meetingLab.ts, global
 * `MeetingLab`), and helpers to drive users.
 */
import { afterAll, beforeAll } from 'vitest';
import { startSignalingServer, type SignalingServer } from '../../../src/main/signaling';
import type { SignalingServer as ServerAddress } from '../../../src/renderer/src/meeting/engine';
import {
  bundleForBrowser,
  evaluateIn,
  startStaticServer,
  waitForPage,
  type ChromiumSession,
  type StaticServer,
  type TestUser,
} from '../../support';
import type { lab, StartOptions } from './meetingLab';

declare global {
  var MeetingLab: { lab: typeof lab };
}

/** A signaling server that can be stopped and started again on the same port. */
export class RestartableServer {
  #server: SignalingServer | undefined;
  port = 0;

  async start(): Promise<void> {
    this.#server = await startSignalingServer({
      host: '127.0.0.1',
      port: this.port,
      allowDiscovery: true,
      aliveTimeout: 10_000,
    });
    this.port = this.#server.port;
  }

  async stop(): Promise<void> {
    await this.#server?.close();
    this.#server = undefined;
  }

  get address(): ServerAddress {
    return { host: '127.0.0.1', port: this.port, path: '/', key: 'peerjs', secure: false };
  }

  /** The ids registered right now. */
  async ids(): Promise<string[]> {
    const res = await fetch(`http://127.0.0.1:${this.port}/peerjs/peers`);
    return (await res.json()) as string[];
  }
}

export async function startSite(): Promise<StaticServer> {
  const code = await bundleForBrowser('tests/integration/meeting/meetingLab.ts', 'MeetingLab');
  return startStaticServer({ '/meeting-lab.js': code });
}

export type JoinResult = Awaited<ReturnType<typeof lab.start>>;

/** Opens a user and joins (or tries to join) a meeting. */
export async function joinAs(
  chrome: ChromiumSession,
  site: StaticServer,
  name: string,
  options: Omit<StartOptions, 'name'>,
): Promise<{ user: TestUser; result: JoinResult }> {
  const user = await chrome.newUser(name, { server: site, scripts: ['/meeting-lab.js'] });
  const result = await evaluateIn(user, (o) => globalThis.MeetingLab.lab.start(o), {
    ...options,
    name,
  });
  return { user, result };
}

/** Joins and fails the test unless the join succeeded; gives the user and its id. */
export async function joined(
  chrome: ChromiumSession,
  site: StaticServer,
  name: string,
  options: Omit<StartOptions, 'name'>,
): Promise<{ user: TestUser; id: string }> {
  const { user, result } = await joinAs(chrome, site, name, options);
  if (!result.ok) throw new Error(`${name} could not join: ${result.type}: ${result.message}`);
  return { user, id: result.selfId };
}

/** Waits until the user sees exactly these participants connected. */
export function waitForRoster(
  user: TestUser,
  ids: readonly string[],
  timeoutMs = 30_000,
): Promise<unknown> {
  return waitForPage(
    user,
    (want) => {
      const have = globalThis.MeetingLab.lab
        .participants()
        .filter((p) => p.status === 'connected')
        .map((p) => p.id);
      return have.length === want.length && want.every((id) => have.includes(id));
    },
    [...ids],
    { timeoutMs, description: `roster = ${ids.length} connected participants` },
  );
}

/** Waits until the camera video of each of `ids` decodes frames (and has a size) in the user's page. */
export function waitForVideo(
  user: TestUser,
  ids: readonly string[],
  kind = 'camera',
  timeoutMs = 45_000,
): Promise<unknown> {
  return waitForPage(
    user,
    ([want, k]) => {
      const d = globalThis.MeetingLab.lab.decoding();
      return (
        want.every((id) => {
          const v = d[`${id}:${k}`];
          return v !== undefined && v.frames > 5 && v.width > 0;
        }) && d
      );
    },
    [[...ids], kind] as const,
    { timeoutMs, description: `${kind} video of ${ids.length} participants decoding` },
  );
}

/** The chat ids the user's page has seen (events) and holds (history). */
export function chatOf(user: TestUser): Promise<{ events: string[]; history: string[] }> {
  return evaluateIn(
    user,
    () => ({
      events: globalThis.MeetingLab.lab.log.chat.map((c) => c.id),
      history: globalThis.MeetingLab.lab.history(),
    }),
    undefined,
  );
}

/** Waits until the user holds every chat id in `ids`, each once, in events and history. */
export function waitForChat(
  user: TestUser,
  ids: readonly string[],
  timeoutMs = 20_000,
): Promise<unknown> {
  return waitForPage(
    user,
    (want) => {
      const lab = globalThis.MeetingLab.lab;
      const events = lab.log.chat.map((c) => c.id);
      const history = lab.history();
      return want.every((id) => events.includes(id) && history.includes(id));
    },
    [...ids],
    { timeoutMs, description: `${ids.length} chat messages` },
  );
}

/**
 * For the enclosing describe block: the bundled site and a restartable signaling server, started
 * before its tests and stopped after them.
 */
export function useMeetingSite(): { site: () => StaticServer; server: RestartableServer } {
  let site: StaticServer;
  const server = new RestartableServer();

  beforeAll(async () => {
    site = await startSite();
    await server.start();
  });
  afterAll(async () => {
    await server.stop();
    await site.close();
  });

  return { site: () => site, server };
}

/** Waits until each of `all` sees exactly the others connected. */
export async function waitForMesh(
  all: readonly { user: TestUser; id: string }[],
  timeoutMs?: number,
): Promise<void> {
  for (const me of all) {
    await waitForRoster(
      me.user,
      all.filter((o) => o !== me).map((o) => o.id),
      timeoutMs,
    );
  }
}
