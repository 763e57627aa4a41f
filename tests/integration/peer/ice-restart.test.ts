/**
 * ICE restart after a real link drop between Parley peers: alice and bob run in two Chromiums on
 * two hosts of a test LAN (network namespaces on a bridge, see lan.ts). Bob's cable is pulled
 * until alice's side has started an ICE restart, then plugged back: the DataConnection and the
 * MediaConnection must come back by themselves — same objects, no close, no new connection —
 * with new ICE credentials, delivering what was sent during the drop and decoding video again.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findChromium,
  launchChromium,
  openUser,
  waitForPage,
  type StaticServer,
  type TestUser,
} from '../../support';
import { startParleyServer, startSite, type ServerInfo } from './fixtures';
import { createLan, lanSkipReason, type Lan } from './lan';
import './labTypes';

const skipReason = lanSkipReason();
if (skipReason !== undefined) console.warn(`[skip] ICE restart after a link drop: ${skipReason}`);

const SCRIPTS = ['/parley.js', '/lab.js'];

/** Recorded ICE states and the current ufrags of a connection or call, read in the page. */
interface IceView {
  states: string[];
  state: string;
  localUfrag: string | undefined;
  remoteUfrag: string | undefined;
}

describe.skipIf(skipReason !== undefined)('ICE restart after a link drop (two hosts)', () => {
  let lan: Lan;
  let site: StaticServer;
  let server: ServerInfo;
  const browsers: Browser[] = [];
  const users: TestUser[] = [];

  beforeAll(async () => {
    lan = createLan(['alice', 'bob'], findChromium());
    site = await startSite({ host: lan.gateway });
    server = await startParleyServer(0, lan.gateway);
    for (const host of lan.hosts) {
      browsers.push(
        await launchChromium({
          executablePath: host.executable,
          // Plain IP candidates: no mDNS between namespaces needed.
          disableFeatures: ['WebRtcHideLocalIpsWithMdns'],
          // The site is on the LAN address: let getUserMedia work there.
          extraArgs: [`--unsafely-treat-insecure-origin-as-secure=${site.origin}`],
        }),
      );
    }
  }, 120_000);

  afterAll(async () => {
    for (const user of users) await user.close();
    await Promise.allSettled(browsers.map((b) => b.close()));
    await server.close();
    await site.close();
    lan.close();
  }, 60_000);

  it('a dropped link is recovered by ICE restart on the same DataConnection and MediaConnection', async () => {
    const [aliceHost, bobHost] = lan.hosts;
    if (!aliceHost || !bobHost || browsers.length !== 2) throw new Error('LAN not set up');
    const alice = await openUser(browsers[0]!, 'alice', { server: site, scripts: SCRIPTS });
    const bob = await openUser(browsers[1]!, 'bob', { server: site, scripts: SCRIPTS });
    users.push(alice, bob);
    const info = { host: server.host, port: server.port, path: server.path, key: server.key };
    for (const u of [alice, bob]) {
      await u.page.evaluate((s) => {
        globalThis.lab.server = s;
      }, info);
    }
    await bob.page.evaluate(() => globalThis.lab.makePeer('bob', 'parley', 'bob-ice-drop'));
    await alice.page.evaluate(() => globalThis.lab.makePeer('alice', 'parley'));

    // A data connection and a call, alice → bob.
    const out = await alice.page.evaluate(() =>
      globalThis.lab.connect('alice', 'bob-ice-drop', { serialization: 'json', reliable: true }),
    );
    await waitForPage(alice, (k) => globalThis.lab.has(`${k}:open`), out, { description: 'open' });
    const inc = await waitForPage(
      bob,
      () => Object.keys(globalThis.lab.conns).find((k) => globalThis.lab.conns[k]?.open),
      undefined,
      { description: 'incoming connection' },
    );
    const outCall = await alice.page.evaluate(() => globalThis.lab.call('alice', 'bob-ice-drop'));
    const incCall = await waitForPage(
      bob,
      () => Object.keys(globalThis.lab.calls).find((k) => k.includes('<-')),
      undefined,
      { description: 'incoming call' },
    );
    await bob.page.evaluate((k) => globalThis.lab.answer(k), incCall);

    // Record ICE states of all four ends; expose their ufrags.
    const watch = (u: TestUser, keys: readonly string[]): Promise<void> =>
      u.page.evaluate((ks) => {
        const g = globalThis as unknown as { ice: Record<string, string[]> };
        g.ice = {};
        for (const k of ks) {
          const c = globalThis.lab.conns[k] ?? globalThis.lab.calls[k];
          g.ice[k] = [];
          (c as unknown as { on(e: string, f: (s: string) => void): void }).on(
            'iceStateChanged',
            (s) => g.ice[k]?.push(s),
          );
        }
      }, keys);
    await watch(alice, [out, outCall]);
    await watch(bob, [inc, incCall]);
    const view = (u: TestUser, k: string): Promise<IceView> =>
      u.page.evaluate((key) => {
        const c = globalThis.lab.conns[key] ?? globalThis.lab.calls[key];
        const pc = c?.peerConnection;
        const ufrag = (sdp: string | undefined): string | undefined =>
          /a=ice-ufrag:(\S+)/.exec(sdp ?? '')?.[1];
        return {
          states: (globalThis as unknown as { ice: Record<string, string[]> }).ice[key] ?? [],
          state: pc?.iceConnectionState ?? 'none',
          localUfrag: ufrag(pc?.localDescription?.sdp),
          remoteUfrag: ufrag(pc?.remoteDescription?.sdp),
        };
      }, k);
    const frames = (u: TestUser, k: string): Promise<number> =>
      u.page.evaluate((key) => globalThis.lab.framesDecoded(key), k);
    await waitForPage(bob, (k) => globalThis.lab.framesDecoded(k).then((n) => n > 0), incCall, {
      description: 'bob decodes video',
    });
    await waitForPage(alice, (k) => globalThis.lab.framesDecoded(k).then((n) => n > 0), outCall, {
      description: 'alice decodes video',
    });
    const before = {
      data: await view(alice, out),
      call: await view(alice, outCall),
      bobData: await view(bob, inc),
      bobCall: await view(bob, incCall),
    };

    // Pull bob's cable; send while it is out.
    lan.drop(bobHost);
    let restored = false;
    try {
      await alice.page.evaluate((k) => globalThis.lab.conns[k]?.send({ during: 'drop' }), out);
      // Alice (the side that placed both) sees ICE go disconnected and restarts it: her local
      // description gets new credentials while the link is still down.
      for (const [key, was] of [
        [out, before.data],
        [outCall, before.call],
      ] as const) {
        await waitForPage(
          alice,
          ([k, old]) => {
            const c = globalThis.lab.conns[k] ?? globalThis.lab.calls[k];
            const sdp = c?.peerConnection?.localDescription?.sdp ?? '';
            const ufrag = /a=ice-ufrag:(\S+)/.exec(sdp)?.[1];
            return ufrag !== undefined && ufrag !== old;
          },
          [key, was.localUfrag] as const,
          // Seen in 10–20 s; under load Chromium may take until ICE 'failed' (~30 s more).
          { description: `ICE restart offer of ${key} during the drop`, timeoutMs: 60_000 },
        );
      }
      lan.restore(bobHost);
      restored = true;
    } finally {
      if (!restored) lan.restore(bobHost);
    }

    // Both connections come back with the new credentials on both sides.
    for (const [u, key, was] of [
      [bob, inc, before.bobData],
      [bob, incCall, before.bobCall],
      [alice, out, before.data],
      [alice, outCall, before.call],
    ] as const) {
      await waitForPage(
        u,
        ([k, old]) => {
          const c = globalThis.lab.conns[k] ?? globalThis.lab.calls[k];
          const pc = c?.peerConnection;
          const ufrag = /a=ice-ufrag:(\S+)/.exec(pc?.remoteDescription?.sdp ?? '')?.[1];
          return (
            ufrag !== undefined &&
            ufrag !== old &&
            ['connected', 'completed'].includes(pc?.iceConnectionState ?? '')
          );
        },
        [key, was.remoteUfrag] as const,
        { description: `${u.name}'s ${key} reconnected after an ICE restart`, timeoutMs: 45_000 },
      );
    }
    const after = {
      data: await view(alice, out),
      call: await view(alice, outCall),
      bobData: await view(bob, inc),
      bobCall: await view(bob, incCall),
    };
    console.log(
      `ICE states during the drop and restart: alice data ${after.data.states.join('→')}; ` +
        `alice call ${after.call.states.join('→')}; bob data ${after.bobData.states.join('→')}; ` +
        `bob call ${after.bobCall.states.join('→')}`,
    );
    // ICE really went down during the drop, on alice's side at least.
    expect(after.data.states.some((s) => s === 'disconnected' || s === 'failed')).toBe(true);
    expect(after.call.states.some((s) => s === 'disconnected' || s === 'failed')).toBe(true);

    // Data: what was sent during the drop arrives, and both directions work, on the same objects.
    await waitForPage(bob, (k) => (globalThis.lab.received[k]?.length ?? 0) >= 1, inc, {
      description: 'the message sent during the drop',
      timeoutMs: 30_000,
    });
    await alice.page.evaluate((k) => globalThis.lab.conns[k]?.send({ after: 'restore' }), out);
    await bob.page.evaluate((k) => globalThis.lab.conns[k]?.send({ reply: 'hi' }), inc);
    await waitForPage(bob, (k) => (globalThis.lab.received[k]?.length ?? 0) >= 2, inc, {
      description: 'bob receives after the restart',
    });
    await waitForPage(alice, (k) => (globalThis.lab.received[k]?.length ?? 0) >= 1, out, {
      description: 'alice receives after the restart',
    });
    expect(await bob.page.evaluate((k) => globalThis.lab.received[k], inc)).toEqual([
      { during: 'drop' },
      { after: 'restore' },
    ]);
    expect(await alice.page.evaluate((k) => globalThis.lab.received[k], out)).toEqual([
      { reply: 'hi' },
    ]);

    // Media: frames decode again on both sides.
    for (const [u, key] of [
      [bob, incCall],
      [alice, outCall],
    ] as const) {
      const base = await frames(u, key);
      await waitForPage(
        u,
        ([k, n]) => globalThis.lab.framesDecoded(k).then((m) => m > n + 10),
        [key, base] as const,
        { description: `${u.name} decodes new frames after the restart`, timeoutMs: 30_000 },
      );
    }

    // Nothing was closed or reopened.
    for (const u of [alice, bob]) {
      const state = await u.page.evaluate(() => ({
        closes: globalThis.lab.events.filter((e) => e.endsWith(':close')),
        conns: Object.keys(globalThis.lab.conns).length,
        calls: Object.keys(globalThis.lab.calls).length,
        errors: globalThis.lab.errors,
        open: Object.values(globalThis.lab.conns).every((c) => c.open),
      }));
      expect(state).toEqual({ closes: [], conns: 1, calls: 1, errors: [], open: true });
    }
  }, 240_000);
});
