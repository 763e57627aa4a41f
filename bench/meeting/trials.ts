/**
 * One benchmark trial: participants join one meeting one after another, in one Chromium, each in
 * its own context with the fake camera already running (the app's lobby preview; the demo's
 * getUserMedia). For the k-th joiner: ms from pressing Join until every one of the k sees the
 * others' video (first frame presented; both ends timed in the pages), then the browser's CPU
 * over a steady window with k in the meeting. Parley: the real web app from `parley serve`, driven through its UI. peerjs:
 * the minimal demo (page/peerjsDemo.js) against the same server.
 */
import type { Browser, Page } from 'playwright-core';
import { openUser, type TestUser } from '../../tests/support';
import { MeetingUser } from '../../tests/integration/e2e-ui/MeetingUser';
import { descendantCpuSeconds } from '../client/probes';
import { installFrameProbe, readFrames, readLastClick } from './page/frameProbe';

export type Impl = 'parley' | 'peerjs';

/** What the k-th join measured (k = participants in the meeting after it). */
export interface JoinSample {
  readonly participants: number;
  readonly joinMs: number;
  /** Chromium CPU with `participants` in the meeting, % of one core (all pages). */
  readonly cpuPercent: number;
}

export interface TrialOptions {
  readonly browser: Browser;
  readonly maxParticipants: number;
  readonly steadyMs: number;
  readonly timeoutMs: number;
  /** The app (parley serve's start page). */
  readonly appUrl: string;
  /** The peerjs demo page, and the server it signals through. */
  readonly demoUrl: string;
  readonly server: { host: string; port: number; path: string; key: string };
  readonly run: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function waitForFrames(
  pages: readonly { page: Page; expect: readonly string[] }[],
  since: number,
  timeoutMs: number,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const logs = await Promise.all(pages.map((p) => p.page.evaluate(readFrames)));
    const times = pages.flatMap((p, i) => p.expect.map((who) => logs[i]?.[who]));
    if (times.every((t) => t !== undefined && t >= since)) {
      return Math.max(...(times as number[])) - since;
    }
    if (Date.now() > deadline) {
      const missing = pages.flatMap((p, i) =>
        p.expect.filter((who) => !((logs[i]?.[who] ?? 0) >= since)),
      );
      throw new Error(`no frame within ${timeoutMs} ms from: ${missing.join(', ')}`);
    }
    await sleep(20);
  }
}

async function steadyCpu(ms: number): Promise<number> {
  const cpu0 = descendantCpuSeconds();
  const t0 = performance.now();
  await sleep(ms);
  return (100 * (descendantCpuSeconds() - cpu0)) / ((performance.now() - t0) / 1000);
}

/** Parley: P1 creates the meeting; P2…Pn join by code through the lobby. */
export async function parleyTrial(o: TrialOptions): Promise<JoinSample[]> {
  const users: MeetingUser[] = [];
  const chrome = {
    newUser: (name: string, options?: Parameters<typeof openUser>[2]): Promise<TestUser> =>
      openUser(o.browser, name, options),
  };
  const samples: JoinSample[] = [];
  try {
    let code = '';
    for (let k = 1; k <= o.maxParticipants; k++) {
      const user = await MeetingUser.open(chrome, `P${k}`, o.appUrl, {
        viewport: { width: 800, height: 500 },
      });
      users.push(user);
      await user.page.evaluate(installFrameProbe);
      await user.waitForFrames(user.page.locator('.preview'), 'preview', 2, o.timeoutMs);
      if (k === 1) {
        code = await user.createMeeting();
        continue;
      }
      await user.joinByCode(code);
      // From the moment the page saw the press (not when Playwright began moving the mouse).
      const since = await user.page.evaluate(readLastClick);
      const joinMs = await waitForFrames(
        users.map((u) => ({
          page: u.page,
          expect: u === user ? users.filter((x) => x !== u).map((x) => x.name) : [user.name],
        })),
        since,
        o.timeoutMs,
      );
      samples.push({ participants: k, joinMs, cpuPercent: await steadyCpu(o.steadyMs) });
    }
  } finally {
    await Promise.allSettled(users.map((u) => u.user.close()));
  }
  return samples;
}

/** peerjs: the demo page in each context; the k-th peer calls the k-1 before it. */
export async function peerjsTrial(o: TrialOptions): Promise<JoinSample[]> {
  const users: TestUser[] = [];
  const ids: string[] = [];
  const samples: JoinSample[] = [];
  interface DemoWindow {
    demo: {
      errors: string[];
      media(): Promise<void>;
      join(server: TrialOptions['server'], id: string, others: readonly string[]): Promise<void>;
    };
  }
  try {
    for (let k = 1; k <= o.maxParticipants; k++) {
      const user = await openUser(o.browser, `peerjs-${k}`, {
        url: o.demoUrl,
        contextOptions: { viewport: { width: 800, height: 500 } },
      });
      users.push(user);
      const id = `bench-${o.run}-${k}-${Date.now().toString(36)}`;
      await user.page.evaluate(installFrameProbe);
      await user.page.evaluate(() => (window as unknown as DemoWindow).demo.media());
      const since = await user.page.evaluate(
        ([server, self, others]) => {
          const startedAt = performance.timeOrigin + performance.now();
          return (window as unknown as DemoWindow).demo
            .join(server, self, others)
            .then(() => startedAt);
        },
        [o.server, id, [...ids]] as const,
      );
      const earlier = [...ids];
      ids.push(id);
      if (k === 1) continue;
      const joinMs = await waitForFrames(
        users.map((u) => ({ page: u.page, expect: u === user ? earlier : [id] })),
        since,
        o.timeoutMs,
      );
      samples.push({ participants: k, joinMs, cpuPercent: await steadyCpu(o.steadyMs) });
    }
  } finally {
    await Promise.allSettled(users.map((u) => u.close()));
  }
  return samples;
}
