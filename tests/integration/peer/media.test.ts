/**
 * Media calls in real Chromium with fake devices: Parley ↔ Parley and Parley ↔ peerjs 1.5.5
 * (call and answer each way), decoded frames checked with getStats, one-way calls, close
 * detection, and live track changes between Parley peers (replaceTrack, addTrack).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  requireNetns,
  useChromium,
  waitForPage,
  type StaticServer,
  type TestUser,
} from '../../support';
import { labPair, startParleyServer, startSite, type ServerInfo } from './fixtures';
import './labTypes';

describe.runIf(requireNetns('peer media'))('peer media calls', () => {
  const chrome = useChromium();
  let site: StaticServer;
  let server: ServerInfo;

  beforeAll(async () => {
    site = await startSite();
    server = await startParleyServer();
  });
  afterAll(async () => {
    await server.close();
    await site.close();
  });

  async function pair(a: string, b: string, tag: string): Promise<[TestUser, TestUser, string]> {
    const { alice, bob, bobId } = await labPair(chrome, site, server, a, b, tag);
    return [alice, bob, bobId];
  }

  const incoming = (u: TestUser): Promise<string> =>
    waitForPage(
      u,
      () => Object.keys(globalThis.lab.calls).find((k) => k.includes('<-')),
      undefined,
      {
        description: 'an incoming call',
      },
    );

  /** Polls the page's inbound video stats until `tracks` tracks have decoded frames. */
  async function decoding(u: TestUser, key: string, tracks = 1, above = 0): Promise<number[]> {
    const deadline = Date.now() + 45_000;
    let frames: number[] = [];
    while (Date.now() < deadline) {
      frames = await u.page.evaluate((k) => globalThis.lab.inboundVideo(k), key);
      if (frames.filter((f) => f > above).length >= tracks) return frames;
      await u.page.waitForTimeout(250);
    }
    throw new Error(
      `[${u.name}] ${tracks} track(s) of ${key} never decoded > ${above}: ${frames.join(',')}`,
    );
  }

  for (const [a, b] of [
    ['parley', 'parley'],
    ['parley', 'peerjs'],
    ['peerjs', 'parley'],
  ] as const) {
    it(`${a} calls ${b}: both sides decode video, hang-up is seen by the other side`, async () => {
      const [alice, bob, bobId] = await pair(a, b, `${a}-${b}`);
      const key = await alice.page.evaluate(
        (id) => globalThis.lab.call('alice', id, { metadata: { room: 1 } }),
        bobId,
      );
      const inKey = await incoming(bob);
      expect(await bob.page.evaluate((k) => globalThis.lab.calls[k]?.metadata, inKey)).toEqual({
        room: 1,
      });
      await bob.page.evaluate((k) => globalThis.lab.answer(k), inKey);
      await waitForPage(alice, (k) => globalThis.lab.has(`${k}:stream`), key);
      await waitForPage(bob, (k) => globalThis.lab.has(`${k}:stream`), inKey);
      expect((await decoding(alice, key))[0]).toBeGreaterThan(0);
      expect((await decoding(bob, inKey))[0]).toBeGreaterThan(0);
      const state = await alice.page.evaluate((k) => {
        const c = globalThis.lab.calls[k];
        return { open: c?.open, local: c?.localStream !== null, remote: c?.remoteStream !== null };
      }, key);
      expect(state).toEqual({ open: true, local: true, remote: true });
      await alice.page.evaluate((k) => {
        globalThis.lab.calls[k]?.close();
      }, key);
      await waitForPage(bob, (k) => globalThis.lab.has(`${k}:close`), inKey, {
        description: 'the callee sees the hang-up',
      });
    });
  }

  it('a one-way call (answer() without a stream) sends media one way only', async () => {
    const [alice, bob, bobId] = await pair('parley', 'parley', 'oneway');
    const key = await alice.page.evaluate((id) => globalThis.lab.call('alice', id), bobId);
    const inKey = await incoming(bob);
    await bob.page.evaluate((k) => globalThis.lab.answer(k, false), inKey);
    expect((await decoding(bob, inKey))[0]).toBeGreaterThan(0);
    const local = await bob.page.evaluate(
      (k) => globalThis.lab.calls[k]?.localStream ?? null,
      inKey,
    );
    expect(local).toBeNull();
    expect(await alice.page.evaluate((k) => globalThis.lab.has(`${k}:stream`), key)).toBe(false);
    await bob.page.evaluate((k) => {
      globalThis.lab.calls[k]?.close();
    }, inKey);
    await waitForPage(alice, (k) => globalThis.lab.has(`${k}:close`), key);
  });

  it('between Parley peers, replaceTrack and addTrack change a live call', async () => {
    const [alice, bob, bobId] = await pair('parley', 'parley', 'reneg');
    const key = await alice.page.evaluate((id) => globalThis.lab.call('alice', id), bobId);
    const inKey = await incoming(bob);
    await bob.page.evaluate((k) => {
      globalThis.lab.watchTracks(k);
    }, inKey);
    await bob.page.evaluate((k) => globalThis.lab.answer(k), inKey);
    await decoding(bob, inKey);
    await waitForPage(alice, (k) => globalThis.lab.calls[k]?.supportsRenegotiation, key, {
      description: 'renegotiation available',
    });
    // replaceTrack: a new camera track replaces the old one, frames keep coming.
    await alice.page.evaluate(async (k) => {
      const call = globalThis.lab.calls[k];
      const old = call?.localStream?.getVideoTracks()[0];
      const fresh = (await globalThis.lab.media(true, false)).getVideoTracks()[0];
      if (!call || !old || !fresh) throw new Error('no tracks');
      await call.replaceTrack(old, fresh);
    }, key);
    const before = (await decoding(bob, inKey))[0] ?? 0;
    await decoding(bob, inKey, 1, before + 10);
    // addTrack: a second video track; the remote side gets `track` and decodes both.
    await alice.page.evaluate(async (k) => {
      const extra = (await globalThis.lab.media(true, false)).getVideoTracks()[0];
      if (!extra) throw new Error('no track');
      globalThis.lab.calls[k]?.addTrack(extra);
    }, key);
    await waitForPage(
      bob,
      (k) => (globalThis.lab.tracks[k] ?? []).filter((t) => t === 'video').length >= 2,
      inKey,
      {
        description: 'a second remote video track',
      },
    );
    const frames = await decoding(bob, inKey, 2);
    expect(frames.filter((f) => f > 0).length).toBeGreaterThanOrEqual(2);
  });
});
