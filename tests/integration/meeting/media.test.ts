/**
 * What the meeting engine does with media mid-call, in real Chromium over real WebRTC (inside the
 * private network namespace, loopback only): a camera switch (setLocalStream with another stream)
 * reaches the others by replaceTrack alone; a participant who joined without a camera turns one
 * on and the others start decoding it; under a constrained upload (`tc` on loopback) the sender's
 * quality policy steps down, saying it is the bandwidth, and does not get worse once the limit is
 * lifted. Two participants each, to stay light on a loaded 2-core machine.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { evaluateIn, requireNetns, useChromium, waitForPage, type TestUser } from '../../support';
import { joined, useMeetingSite, waitForRoster, waitForVideo } from './fixtures';
import type { StartOptions } from './meetingLab';

let counter = 0;
/** A fresh valid meeting code per test. */
function freshCode(): string {
  const letters = 'abcdefghjkmnpqrstuvwxyz';
  let x = Date.now() * 7 + counter++;
  let raw = '';
  for (let i = 0; i < 10; i += 1, x = Math.floor(x / 5) + i * 11)
    raw += letters.charAt(x % letters.length);
  return `${raw.slice(0, 3)}-${raw.slice(3, 7)}-${raw.slice(7)}`;
}

interface Picture {
  width: number;
  height: number;
  frames: number;
  rgb: number[];
}

/** Waits until `user` decodes `key` (`id:kind`) as mostly `channel` (0 red, 1 green, 2 blue). */
function waitForColour(
  user: TestUser,
  key: string,
  channel: 0 | 1 | 2,
  timeoutMs = 45_000,
): Promise<Picture> {
  return waitForPage(
    user,
    ([k, c]) => {
      const p = globalThis.MeetingLab.lab.picture(k);
      if (!p || p.frames < 3) return false;
      const main = p.rgb[c] ?? 0;
      const others = p.rgb.filter((_, i) => i !== c);
      return main > 150 && others.every((v) => v < 100) && p;
    },
    [key, channel] as const,
    { timeoutMs, description: `${key} decoded as colour channel ${channel}` },
  );
}

interface Sending {
  tier: number;
  label: string;
  reason: string;
}

/** The quality decision `user` applies to what it sends to `to`, as reported in its stats. */
function sendingTo(user: TestUser, to: string): Promise<Sending | undefined> {
  return evaluateIn(
    user,
    (id) => (globalThis.MeetingLab.lab.log.stats[id] as { sending?: Sending } | undefined)?.sending,
    to,
  );
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Runs `tc` on loopback; only ever inside the test's private network namespace. */
function tc(args: string[]): void {
  if (process.env.PARLEY_NETNS !== '1') throw new Error('refusing to shape lo outside the netns');
  execFileSync('tc', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

describe.runIf(requireNetns('meeting media'))('meeting media mid-call (real WebRTC)', () => {
  const chrome = useChromium();
  const { site, server } = useMeetingSite();

  /** Alice creates a fresh meeting and Bob joins it; waits until both see each other. */
  async function joinPair(bob: Pick<StartOptions, 'media'> = {}): Promise<{
    a: { user: TestUser; id: string };
    b: { user: TestUser; id: string };
  }> {
    const code = freshCode();
    const a = await joined(chrome, site(), 'alice', { code, create: true, server: server.address });
    const b = await joined(chrome, site(), 'bob', {
      code,
      create: false,
      server: server.address,
      ...bob,
    });
    await waitForRoster(a.user, [b.id]);
    await waitForRoster(b.user, [a.id]);
    return { a, b };
  }

  it('switches the camera mid-call: the other decodes the new picture, no new call', async () => {
    const { a, b } = await joinPair();
    await waitForVideo(b.user, [a.id]);
    const key = `${a.id}:camera`;
    const before = await evaluateIn(b.user, (k) => globalThis.MeetingLab.lab.picture(k), key);
    expect(before?.width).toBeGreaterThan(0);
    expect((before?.width ?? 0) / (before?.height ?? 1)).toBeCloseTo(4 / 3, 1); // fake camera 320×240

    // Another "device": a red 16:9 picture.
    await evaluateIn(
      a.user,
      () => globalThis.MeetingLab.lab.camera({ color: 'rgb(255,0,0)', width: 480, height: 270 }),
      undefined,
    );
    const after = await waitForColour(b.user, key, 0);
    expect(after.width / after.height).toBeCloseTo(16 / 9, 1);

    // And back to a blue 4:3 one: still the same call.
    await evaluateIn(
      a.user,
      () => globalThis.MeetingLab.lab.camera({ color: 'rgb(0,0,255)', width: 320, height: 240 }),
      undefined,
    );
    await waitForColour(b.user, key, 2);
    const media = await evaluateIn(b.user, () => globalThis.MeetingLab.lab.log.media, undefined);
    // replaceTrack only: one camera stream from Alice, never replaced or removed.
    expect(media.filter((m) => m.id === a.id && m.kind === 'camera')).toEqual([
      { id: a.id, kind: 'camera', event: 'added' },
    ]);
  }, 150_000);

  it('joins with no camera, then turns one on: the other starts decoding it', async () => {
    const { a, b } = await joinPair({ media: false });
    await waitForVideo(b.user, [a.id]); // Bob receives Alice even though he sends nothing
    const key = `${b.id}:camera`;
    await sleep(2000);
    const dark = await evaluateIn(a.user, (k) => globalThis.MeetingLab.lab.decoding()[k], key);
    console.log(`[media] Bob's camera at Alice before he turns it on: ${JSON.stringify(dark)}`);
    expect(dark?.frames ?? 0).toBeLessThanOrEqual(1); // at most the placeholder's one frame

    await evaluateIn(
      b.user,
      () => globalThis.MeetingLab.lab.camera({ color: 'rgb(0,200,0)', width: 320, height: 240 }),
      undefined,
    );
    await waitForVideo(a.user, [b.id]);
    await waitForColour(a.user, key, 1);
  }, 150_000);

  it('steps sending quality down for a constrained upload, and not further once lifted', async (ctx) => {
    // Bob sends nothing, so Alice's camera is the only media on the wire.
    const { a, b } = await joinPair({ media: false });
    await waitForVideo(b.user, [a.id]);

    // A baseline without an upload reason (the estimate starts low and ramps up).
    let baseline: Sending | undefined;
    for (let i = 0; i < 30; i += 1) {
      baseline = await sendingTo(a.user, b.id);
      if (baseline && !/upload|bandwidth/.test(baseline.reason)) break;
      await sleep(1000);
    }
    console.log(`[media] baseline: ${JSON.stringify(baseline)}`);
    expect(baseline).toBeDefined();

    try {
      tc([
        'qdisc',
        'add',
        'dev',
        'lo',
        'root',
        'tbf',
        'rate',
        '120kbit',
        'burst',
        '16kbit',
        'latency',
        '300ms',
      ]);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      console.warn(`[skip] bandwidth adaptation: cannot shape loopback with tc: ${why}`);
      ctx.skip();
      return;
    }
    const shapedAt = Date.now();
    let constrained: Sending | undefined;
    try {
      const last = 4;
      for (;;) {
        const s = await sendingTo(a.user, b.id);
        const lower = s !== undefined && (s.tier > (baseline?.tier ?? 0) || s.tier === last);
        if (s && lower && /upload|bandwidth limited/.test(s.reason)) {
          constrained = s;
          break;
        }
        if (Date.now() - shapedAt > 60_000) break;
        await sleep(1000);
      }
    } finally {
      tc(['qdisc', 'del', 'dev', 'lo', 'root']);
    }
    console.log(
      `[media] at 120 kbit/s after ${Date.now() - shapedAt} ms: ${JSON.stringify(constrained)}`,
    );
    expect(constrained, 'a lower tier with a bandwidth/upload reason within 60 s').toBeDefined();

    // Lifted: give the estimate time to ramp up; the choice must not get worse (it climbs back
    // by probing a tier at a time, QualityPolicy, once a failed probe's cooldown is over).
    let best = constrained;
    for (let i = 0; i < 60; i += 1) {
      await sleep(1000);
      const s = await sendingTo(a.user, b.id);
      if (s && best && s.tier < best.tier) best = s;
      if (best && best.tier <= (baseline?.tier ?? 0)) break;
    }
    const liftedFor = Date.now() - shapedAt;
    const end = await sendingTo(a.user, b.id);
    console.log(
      `[media] ${liftedFor} ms after shaping began, limit lifted: best ${JSON.stringify(best)}, now ${JSON.stringify(end)}`,
    );
    expect(end?.tier).toBeLessThanOrEqual(constrained?.tier ?? 4);
  }, 240_000);
});
