/**
 * The settings "Test servers" button (src/renderer/src/meeting/IceTester.ts) in real Chromium
 * against a real TURN server (coturn on loopback, DESIGN.md §6): the right credential yields a
 * relay candidate, a wrong one a clear 401 message, an unreachable server a timeout message,
 * each within the tester's own timeout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bundleForBrowser,
  closeAll,
  evaluateIn,
  requireNetns,
  startStaticServer,
  useChromium,
  type StaticServer,
  type TestUser,
} from '../../support';
import type { IceTestResult, testIceServers } from '../../../src/renderer/src/meeting/IceTester';
import { requireTurnserver, startTurnServer, type TurnServer } from './turnServer';

declare global {
  // Set by the IceTester bundle in the page.
  var ParleyIceTester: { testIceServers: typeof testIceServers };
}

/** The tester's own timeout in these tests (the app's default is 10 s). */
const TIMEOUT_MS = 5_000;

describe.runIf(requireNetns('TURN test button') && requireTurnserver('TURN test button'))(
  'ICE "Test servers" against coturn on loopback',
  () => {
    const chrome = useChromium();
    let site: StaticServer;
    let turn: TurnServer;
    let page: TestUser;
    const closers: (() => Promise<void>)[] = [];

    beforeAll(async () => {
      const [tester, server] = await Promise.all([
        bundleForBrowser('src/renderer/src/meeting/IceTester.ts', 'ParleyIceTester'),
        startTurnServer({ username: 'tester', password: 'right-password', realm: 'parley.test' }),
      ]);
      turn = server;
      closers.push(() => server.close());
      site = await startStaticServer({ '/ice-tester.js': tester });
      closers.push(() => site.close());
      page = await chrome.newUser('settings', { server: site, scripts: ['/ice-tester.js'] });
    }, 60_000);
    afterAll(() => closeAll(closers));

    function runTest(servers: RTCIceServer[]): Promise<IceTestResult> {
      return evaluateIn(
        page,
        ([list, timeoutMs]) => globalThis.ParleyIceTester.testIceServers(list, { timeoutMs }),
        [servers, TIMEOUT_MS] as const,
      );
    }

    it('finds a relay candidate with the right credential', async () => {
      const result = await runTest([
        { urls: [turn.url], username: turn.username, credential: turn.password },
      ]);
      expect(result.found.relay).toBeGreaterThan(0);
      expect(result.errors.filter((e) => e.code === 401)).toEqual([]);
      expect(result.summary).toMatch(/^TURN relay works/);
      expect(result.elapsedMs).toBeLessThan(TIMEOUT_MS);
      expect(turn.log()).toMatch(/user <tester>.*ALLOCATE processed, success/);
    });

    it('reports a wrong credential as a 401 from the server, within its timeout', async () => {
      const result = await runTest([
        { urls: [turn.url], username: turn.username, credential: 'wrong-password' },
      ]);
      expect(result.found.relay).toBe(0);
      const auth = result.errors.find((e) => e.code === 401);
      expect(auth?.url).toContain(`:${turn.port}`);
      expect(result.summary).toMatch(/no TURN relay candidate/);
      expect(result.summary).toMatch(/TURN rejected the username or credential \(401\)/);
      expect(result.elapsedMs).toBeLessThanOrEqual(TIMEOUT_MS + 1_000);
    });

    it('reports an unknown user as a 401 too', async () => {
      const result = await runTest([
        { urls: [turn.url], username: 'nobody', credential: turn.password },
      ]);
      expect(result.errors.map((e) => e.code)).toContain(401);
      expect(result.summary).toMatch(/\(401\)/);
    });

    it('gives up on a server that does not answer at its own timeout', async () => {
      // A UDP port nothing listens on: Chromium alone would report only after ~40 s.
      const result = await runTest([
        {
          urls: [`turn:127.0.0.1:${turn.port === 9 ? 10 : 9}?transport=udp`],
          username: 'u',
          credential: 'p',
        },
      ]);
      expect(result.found.relay).toBe(0);
      expect(result.elapsedMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 100);
      expect(result.elapsedMs).toBeLessThanOrEqual(TIMEOUT_MS + 1_000);
      expect(result.summary).toMatch(/no TURN relay candidate/);
    });
  },
);
