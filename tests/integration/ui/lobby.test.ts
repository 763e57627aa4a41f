/**
 * The lobby in real Chromium with fake devices: camera preview decoding frames, the microphone
 * meter moving, device selects listing the fake devices, a bad meeting code explained, and
 * screenshots in dark and light (test-results/screenshots/, looked at by a person). The app (this
 * source tree's renderer build) is served by the real `parley serve` (`--web-root`), which also
 * answers its /health, config and signaling.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireNetns, useChromium, type TestUser } from '../../support';
import { killAll, startServe, type RunningServer } from '../serve/spawnServe';
import { buildRenderer } from './buildRenderer';

const SHOTS = resolve(import.meta.dirname, '../../../test-results/screenshots');

/** The few members of a video element the checks read (tests have no DOM lib). */
interface VideoLike {
  videoWidth: number;
  paused: boolean;
  getVideoPlaybackQuality(): { totalVideoFrames: number };
}

/** Waits until the video matched by `selector` has decoded more than `frames` frames. */
async function waitForFrames(user: TestUser, selector: string, frames = 5): Promise<void> {
  await expect
    .poll(
      () =>
        user.page
          .locator(selector)
          .first()
          .evaluate((el) => (el as unknown as VideoLike).getVideoPlaybackQuality().totalVideoFrames)
          .catch(() => 0),
      { timeout: 30_000, interval: 100, message: `${user.name}: frames of ${selector}` },
    )
    .toBeGreaterThan(frames);
}

describe.runIf(requireNetns('UI lobby'))('lobby in Chromium with fake devices', () => {
  const chrome = useChromium();
  let server: RunningServer;
  const appUrl = (): string => `${server.url}index.html`;

  beforeAll(async () => {
    const out = await buildRenderer();
    server = await startServe([
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--no-mdns',
      '--log-level',
      'warn',
      '--web-root',
      out,
    ]);
    mkdirSync(SHOTS, { recursive: true });
  }, 180_000);
  afterAll(killAll);

  async function openLobby(name: string, colorScheme: 'dark' | 'light'): Promise<TestUser> {
    const user = await chrome.newUser(name, {
      url: appUrl(),
      contextOptions: { viewport: { width: 1280, height: 800 }, colorScheme },
    });
    await user.page.getByRole('heading', { name: 'Ready to meet?' }).waitFor({ timeout: 20_000 });
    return user;
  }

  it('previews the camera, moves the mic meter and lists the fake devices', async () => {
    const user = await openLobby('lobby', 'dark');
    const { page } = user;

    // The preview video decodes frames from the fake camera, mirrored.
    await waitForFrames(user, '.preview video');
    const video = await page.locator('.preview video').evaluate((el) => {
      const v = el as unknown as VideoLike;
      const view = el.ownerDocument.defaultView as unknown as {
        getComputedStyle(e: unknown): { transform: string };
      };
      return { w: v.videoWidth, paused: v.paused, mirrored: view.getComputedStyle(el).transform };
    });
    expect(video).toMatchObject({ paused: false });
    expect(video.w).toBeGreaterThan(0);
    expect(video.mirrored).toMatch(/^matrix\(-1/);

    // The fake microphone beeps: the meter goes up and down.
    const meter = page.getByRole('meter', { name: 'Microphone level' });
    const levels = new Set<string>();
    for (let i = 0; i < 60 && levels.size < 3; i += 1) {
      levels.add((await meter.getAttribute('aria-valuenow')) ?? '');
      await page.waitForTimeout(100);
    }
    expect(levels.size).toBeGreaterThanOrEqual(3);
    expect([...levels].some((l) => Number(l) > 10)).toBe(true);

    // Device selects list the fake devices (labels known after permission).
    const cameraOptions = await page
      .getByLabel('Camera', { exact: true })
      .locator('option')
      .allTextContents();
    const micOptions = await page
      .getByLabel('Microphone', { exact: true })
      .locator('option')
      .allTextContents();
    expect(cameraOptions[0]).toBe('System default');
    expect(cameraOptions.length).toBeGreaterThan(1);
    expect(cameraOptions.some((o) => /fake/i.test(o))).toBe(true);
    expect(micOptions.some((o) => /fake/i.test(o))).toBe(true);

    // Choosing a device is remembered (browser storage) and survives a reload.
    const second = await page
      .getByLabel('Camera', { exact: true })
      .locator('option')
      .nth(1)
      .getAttribute('value');
    expect(second).toBeTruthy();
    await page.getByLabel('Camera', { exact: true }).selectOption(second);
    await page.getByLabel('Your name').fill('Ada Lovelace');
    await page.getByLabel('Your name').blur();
    await page.reload();
    await page.getByRole('heading', { name: 'Ready to meet?' }).waitFor();
    await expect.poll(() => page.getByLabel('Camera', { exact: true }).inputValue()).toBe(second);
    expect(await page.getByLabel('Your name').inputValue()).toBe('Ada Lovelace');

    // A browser tab's LAN list is the meeting of the server that served it.
    await expect
      .poll(() => page.getByRole('region', { name: 'Meetings on your network' }).textContent())
      .toMatch(/Parley on /);

    await waitForFrames(user, '.preview video');
    await expect
      .poll(async () => Number(await meter.getAttribute('aria-valuenow')), {
        timeout: 10_000,
        interval: 20,
      })
      .toBeGreaterThan(40);
    await page.screenshot({ path: join(SHOTS, 'lobby-dark.png') });
    expect(user.errors).toEqual([]);
  });

  it('explains a bad meeting code and reads a pasted link', async () => {
    const user = await openLobby('badcode', 'light');
    const { page } = user;
    const code = page.getByLabel('Meeting code or link');
    await code.fill('abc-12');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'meeting code' });
    await expect.poll(() => alert.textContent()).toMatch(/“1” can't be in a meeting code/);
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    await waitForFrames(user, '.preview video');
    await page.screenshot({ path: join(SHOTS, 'lobby-light-bad-code.png') });

    await code.fill('abc-defg');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await expect.poll(() => alert.textContent()).toMatch(/has 10 letters.*this has 7/);
    expect(user.errors).toEqual([]);
  });

  it('opens a #/join/<code> deep link with the code filled in, says no such meeting runs, and holds a meeting of one', async () => {
    const user = await chrome.newUser('deeplink', {
      url: `${appUrl()}#/join/ABC%20DEFG%20HJK`,
      contextOptions: { viewport: { width: 1280, height: 800 }, colorScheme: 'dark' },
    });
    const { page } = user;
    await page.getByRole('heading', { name: 'Ready to meet?' }).waitFor({ timeout: 20_000 });
    expect(await page.getByLabel('Meeting code or link').inputValue()).toBe('ABC DEFG HJK');
    await page.getByLabel('Your name').fill('Grace Hopper');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    // Nobody is in that meeting: a clear message, and the lobby again.
    await expect
      .poll(() => page.getByRole('alert').allTextContents(), { timeout: 20_000 })
      .toContainEqual(expect.stringMatching(/No meeting abc-defg-hjk is running/));
    await page.getByRole('heading', { name: 'Ready to meet?' }).waitFor();

    await page.getByRole('button', { name: 'Create meeting' }).click();
    const controls = page.getByRole('navigation', { name: 'Meeting controls' });
    await controls.waitFor({ timeout: 20_000 });
    expect(page.url()).toMatch(/#\/meeting\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    for (const name of [
      'Mute microphone',
      'Turn camera off',
      'Share screen',
      'Raise hand',
      'Leave meeting',
      'Chat',
      'Participants (1)',
    ]) {
      await expect
        .poll(() => controls.getByRole('button', { name, exact: true }).count(), { message: name })
        .toBe(1);
    }
    await waitForFrames(user, '.tile-grid video');

    // Keyboard: M mutes, R raises the hand; the buttons say so.
    await page.keyboard.press('m');
    await controls.getByRole('button', { name: 'Unmute microphone' }).waitFor();
    await page.keyboard.press('r');
    await controls.getByRole('button', { name: 'Lower hand' }).waitFor();

    // Chat: untrusted text is shown as text, never as markup.
    await controls.getByRole('button', { name: 'Chat', exact: true }).click();
    await page.getByLabel('Message', { exact: true }).fill('<img src=x onerror=alert(1)> hello');
    await page.getByRole('button', { name: 'Send message' }).click();
    const messages = page.getByRole('list', { name: 'Chat messages' });
    await expect.poll(() => messages.textContent()).toContain('<img src=x onerror=alert(1)> hello');
    expect(await messages.locator('img').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'meeting-alone-dark.png') });

    await controls.getByRole('button', { name: 'Leave meeting' }).click();
    await page.getByRole('heading', { name: 'Ready to meet?' }).waitFor();
    expect(user.errors).toEqual([]);
  });

  it('validates ICE servers as typed in settings', async () => {
    const user = await openLobby('settings', 'light');
    const { page } = user;
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Add server' }).click();
    await page.getByLabel('Server 1 URLs').fill('turn:127.0.0.1:3478');
    await expect
      .poll(() => page.getByRole('alert').allTextContents())
      .toContainEqual(expect.stringMatching(/TURN server needs both "username" and "credential"/));
    expect(await page.getByRole('button', { name: 'Save settings' }).isDisabled()).toBe(true);
    await page.getByLabel('Username').fill('user');
    await page.getByLabel('Credential').fill('secret');
    await expect
      .poll(() => page.getByRole('button', { name: 'Save settings' }).isDisabled())
      .toBe(false);
    await page.getByLabel('Server 1 URLs').fill('http://not-ice');
    await expect
      .poll(() => page.getByRole('alert').allTextContents())
      .toContainEqual(expect.stringMatching(/must start with stun:, stuns:, turn: or turns:/));
    await page.getByLabel('Server 1 URLs').fill('stun:127.0.0.1:3478');
    await page.screenshot({ path: join(SHOTS, 'settings-light.png'), fullPage: true });
    expect(user.errors).toEqual([]);
  });
});
