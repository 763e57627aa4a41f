/**
 * Camera-call glare: the control dialer places the camera call at once, so two participants
 * that dial each other at (nearly) the same moment both place one. Whatever the timing, each
 * pair must end with exactly one connected camera call (the lower id's), the same on both sides.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bundleForBrowser,
  evaluateIn,
  requireNetns,
  startStaticServer,
  useChromium,
  waitForPage,
  type StaticServer,
} from '../../support';
import { RestartableServer } from './fixtures';
import type { GlareSide, lab } from './glareLab';

declare global {
  var GlareLab: { lab: typeof lab };
}

describe.runIf(requireNetns('camera-call glare'))('camera-call glare (real WebRTC)', () => {
  const chrome = useChromium();
  let site: StaticServer;
  const server = new RestartableServer();

  beforeAll(async () => {
    const code = await bundleForBrowser('tests/integration/meeting/glareLab.ts', 'GlareLab');
    site = await startStaticServer({ '/glare-lab.js': code });
    await server.start();
  });
  afterAll(async () => {
    await server.stop();
    await site.close();
  });

  it('both dial at once (0, 5, 30 ms apart): one camera call per pair, on both sides', async () => {
    const user = await chrome.newUser('glare', { server: site, scripts: ['/glare-lab.js'] });
    for (const [i, offset] of [0, 5, 30].entries()) {
      await evaluateIn(user, (o) => globalThis.GlareLab.lab.run(o.server, o.code, o.offset), {
        server: server.address,
        code: `abc-defg-hj${'kmn'.charAt(i)}`,
        offset,
      });
      await waitForPage(
        user,
        () => {
          const r = globalThis.GlareLab.lab.report();
          return r.length === 2 && r.every((s) => s.state === 'connected' && s.media > 0) && r;
        },
        undefined,
        { timeoutMs: 30_000, description: 'both sides hold a connected camera call' },
      );
      // Let any losing call finish closing, then check nothing changed hands.
      await new Promise((r) => setTimeout(r, 1500));
      const [a, b] = await evaluateIn(user, () => globalThis.GlareLab.lab.report(), undefined);
      const sides = [a, b] as GlareSide[];
      console.log(`[glare] offset ${offset} ms: ${JSON.stringify(sides)}`);
      for (const s of sides) expect(s.state).toBe('connected');
      // The same call on both sides: each end's ICE ufrag is the other's remote one.
      expect(a?.localUfrag).toBe(b?.remoteUfrag);
      expect(b?.localUfrag).toBe(a?.remoteUfrag);
      // The kept call is never torn down after it delivered media.
      for (const s of sides) expect(s.ended).toBe(0);
      await evaluateIn(
        user,
        () => {
          globalThis.GlareLab.lab.reset();
        },
        undefined,
      );
    }
  }, 120_000);
});
