/**
 * End to end: the real `parley serve` (built by `npm run build:serve`, serving out/web) and four
 * participants in Debian's Chromium with fake camera, microphone and screen, each in its own
 * browser context, driven through the lobby and the meeting UI only (roles and accessible names).
 * One meeting, in order: create and join by code, everyone's video decoding everywhere, chat
 * round with no loss or duplicate, mute / camera off / hand raise / screen share seen by the
 * others, a participant leaving, the server stopped and restarted mid-meeting, and bad codes.
 * Screenshots go to test-results/screenshots/e2e-*.png.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireNetns, useChromium } from '../../support';
import { killAll, requireBuild, startServe, type RunningServer } from '../serve/spawnServe';
import { MeetingUser } from './MeetingUser';

const SHOTS = resolve(import.meta.dirname, '../../../test-results/screenshots');
const NAMES = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Edsger Dijkstra'] as const;
const serveArgs = (port: number): string[] => [
  '--host',
  '127.0.0.1',
  '--port',
  String(port),
  '--no-mdns',
  '--log-level',
  'warn',
];

const suite = describe.runIf(requireNetns('end-to-end UI'));

// Generous per-test timeouts: four pages of WebRTC on a 2-core machine shared with other runs.
suite('a meeting of four in Chromium via parley serve', { timeout: 120_000 }, () => {
  const chrome = useChromium();
  let server: RunningServer;
  let url: string;
  let code = '';
  const users: MeetingUser[] = [];
  const user = (i: number): MeetingUser => {
    const u = users[i];
    if (!u) throw new Error(`participant ${i} has not joined (an earlier step failed)`);
    return u;
  };
  /** Everyone still in the meeting except `self`. */
  const others = (self: MeetingUser): MeetingUser[] => users.filter((u) => u !== self);

  /** Lobbies opened before the tests (users opened inside a test close after it). */
  const lobbies = new Map<string, MeetingUser>();
  const lobby = (name: string): MeetingUser => {
    const u = lobbies.get(name);
    if (!u) throw new Error(`no lobby for ${name}`);
    return u;
  };

  beforeAll(async () => {
    requireBuild();
    mkdirSync(SHOTS, { recursive: true });
    server = await startServe(serveArgs(0));
    url = `http://127.0.0.1:${server.port}/`;
    for (const name of [...NAMES, 'Barbara Liskov']) {
      lobbies.set(name, await MeetingUser.open(chrome, name, url));
    }
  }, 120_000);
  afterAll(killAll);

  it('explains a malformed code and a meeting that does not exist', async () => {
    const guest = await MeetingUser.open(chrome, 'Guest', url);
    await guest.submitCode('abc-12');
    await expect
      .poll(() => guest.alerts())
      .toContainEqual(expect.stringMatching(/can't be in a meeting code/));
    await guest.page.screenshot({ path: join(SHOTS, 'e2e-lobby-bad-code.png') });

    await guest.submitCode('zzz-zzzz-zzz');
    await expect
      .poll(() => guest.alerts(), { timeout: 30_000 })
      .toContainEqual(expect.stringMatching(/no meeting|not found|does not exist/i));
    // Back in the lobby, ready to try again.
    await guest.page.getByRole('heading', { name: 'Ready to meet?' }).waitFor();
    expect(guest.user.errors).toEqual([]);
  });

  it('creates a meeting and three more join it by code from the lobby', async () => {
    const host = lobby(NAMES[0]);
    await host.page.screenshot({ path: join(SHOTS, 'e2e-lobby.png') });
    code = await host.createMeeting();
    expect(code).toMatch(/^[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    users.push(host);
    for (const name of NAMES.slice(1)) {
      const guest = lobby(name);
      await guest.joinByCode(code);
      users.push(guest);
    }
    for (const u of users) {
      await expect
        .poll(() => u.tileNames(), { timeout: 30_000, message: `${u.name}: tiles` })
        .toEqual([...others(u).map((o) => o.name), `${u.name} (you)`].sort());
      await u.controls.getByRole('button', { name: 'Participants (4)' }).waitFor();
    }
  });

  it('shows everyone the others’ video with frames decoding', async () => {
    for (const u of users) {
      for (const o of others(u)) await u.waitForFrames(u.tile(o.name), `${o.name}'s video`);
    }
    await user(0).page.screenshot({ path: join(SHOTS, 'e2e-meeting-grid.png') });
  });

  it('passes chat round with no loss and no duplicate', async () => {
    const sent: string[] = [];
    for (let round = 1; round <= 3; round += 1) {
      for (const u of users) {
        const text = `${u.name.split(' ')[0] ?? ''} says ${round}`;
        sent.push(text);
        await u.sendChat(text);
      }
    }
    for (const u of users) {
      await expect
        .poll(async () => [...(await u.chatTexts())].sort(), {
          timeout: 20_000,
          message: `${u.name}: chat`,
        })
        .toEqual([...sent].sort());
      // Each sender's own messages arrive in the order sent.
      const texts = await u.chatTexts();
      for (const o of users) {
        const first = o.name.split(' ')[0] ?? '';
        expect(texts.filter((t) => t.startsWith(`${first} says`))).toEqual(
          [1, 2, 3].map((r) => `${first} says ${r}`),
        );
      }
    }
    await user(1).page.screenshot({ path: join(SHOTS, 'e2e-meeting-chat.png') });
  });

  it('shows mute, camera off and a raised hand on the others’ tiles', async () => {
    const [ada, grace, alan] = [user(0), user(1), user(2)];
    await ada.press('Mute microphone');
    await grace.press('Turn camera off');
    await alan.press('Raise hand');
    for (const u of others(ada)) {
      await expect.poll(() => u.tileNames()).toContain(`${ada.name}, muted`);
    }
    for (const u of others(grace)) {
      await expect.poll(() => u.tileNames()).toContain(`${grace.name}, camera off`);
      expect(await u.tile(grace.name).locator('video').isVisible()).toBe(false);
    }
    for (const u of others(alan)) {
      await expect.poll(() => u.tileNames()).toContain(`${alan.name}, hand raised`);
    }
    await user(3).page.screenshot({ path: join(SHOTS, 'e2e-meeting-states.png') });
    // And back.
    await ada.press('Unmute microphone');
    await grace.press('Turn camera on');
    await alan.press('Lower hand');
    for (const u of others(grace)) {
      await expect.poll(() => u.tileNames()).toContain(grace.name);
      await u.waitForFrames(u.tile(grace.name), `${grace.name}'s video after camera on`, 0);
    }
    for (const u of others(ada)) await expect.poll(() => u.tileNames()).toContain(ada.name);
  });

  it('shows a screen share as its own tile, decoding, and removes it when it stops', async () => {
    const sharer = user(3);
    await sharer.press('Share screen');
    await sharer.controls.getByRole('button', { name: 'Stop sharing screen' }).waitFor();
    for (const u of others(sharer)) {
      await u.waitForFrames(u.tile(sharer.name, true), `${sharer.name}'s screen`);
    }
    await user(0).page.screenshot({ path: join(SHOTS, 'e2e-meeting-screen-share.png') });
    await sharer.press('Stop sharing screen');
    for (const u of others(sharer)) {
      await expect.poll(() => u.tile(sharer.name, true).count(), { timeout: 15_000 }).toBe(0);
    }
  });

  it('carries on when the server stops, and after it restarts', async () => {
    const { port } = server;
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
    // Media and chat go peer to peer: the meeting does not notice.
    await user(0).sendChat('while the server is down');
    for (const u of users) {
      for (const o of others(u))
        await u.waitForFrames(u.tile(o.name), `${o.name} (server down)`, 0);
      await expect.poll(() => u.chatTexts()).toContain('while the server is down');
    }
    server = await startServe(serveArgs(port));
    // Everyone's client registers again on its own (reconnect with backoff): wait for all four,
    // so the newcomer of the next test finds the meeting on the restarted server.
    const peersUrl = `${server.url}peerjs/peers`;
    await expect
      .poll(async () => ((await (await fetch(peersUrl)).json()) as unknown[]).length, {
        timeout: 30_000,
      })
      .toBeGreaterThanOrEqual(users.length);
    // Everyone stays, and chat still goes round once each.
    await user(1).sendChat('after the restart');
    for (const u of users) {
      await expect.poll(() => u.chatTexts()).toContain('after the restart');
      expect((await u.chatTexts()).filter((t) => t === 'after the restart')).toHaveLength(1);
      await u.controls.getByRole('button', { name: 'Participants (4)' }).waitFor();
    }
  });

  it('lets a newcomer join after the restart, and removes a participant who leaves', async () => {
    const late = lobby('Barbara Liskov');
    await late.joinByCode(code);
    for (const o of users) await late.waitForFrames(late.tile(o.name), `${o.name} for newcomer`);
    users.push(late);
    for (const u of others(late)) {
      await expect.poll(() => u.tileNames(), { timeout: 30_000 }).toContain(late.name);
    }
    await late.press('Leave meeting');
    await late.page.getByRole('heading', { name: 'Ready to meet?' }).waitFor();
    users.pop();
    for (const u of users) {
      await expect
        .poll(() => u.tileNames(), { timeout: 15_000, message: `${u.name}: newcomer gone` })
        .not.toContain(late.name);
      await u.controls.getByRole('button', { name: 'Participants (4)' }).waitFor();
    }
    const leaver = users.pop();
    await leaver?.press('Leave meeting');
    for (const u of users) {
      await expect
        .poll(() => u.tileNames(), { timeout: 15_000 })
        .toEqual([...others(u).map((o) => o.name), `${u.name} (you)`].sort());
      await u.controls.getByRole('button', { name: 'Participants (3)' }).waitFor();
    }
    // The browser logs each refused reconnect while the server was down; nothing else may fail.
    const refused = /WebSocket connection to .* failed: .*ERR_CONNECTION_REFUSED/;
    for (const u of users) {
      expect(
        u.user.errors.filter((e) => !refused.test(e)),
        u.name,
      ).toEqual([]);
    }
  });
});
