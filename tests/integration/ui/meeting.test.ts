/**
 * The meeting view in real Chromium: the real app, stores and views, fed by a scripted meeting of
 * eight (./demo/ScriptedMeeting.ts stands in for the network). Checks the grid of 9 tiles with
 * video decoding, badges, quality indicators, unread chat badge, panels and the speaker layout;
 * screenshots into test-results/screenshots/.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireNetns, useChromium } from '../../support';
import { buildDemo } from './buildRenderer';
import { SHOTS, useDemoServer } from './uiPage';

describe.runIf(requireNetns('UI meeting view'))('meeting view with eight participants', () => {
  const chrome = useChromium();
  const server = useDemoServer(buildDemo, { webHost: true });

  it('lays out 9 tiles, shows state badges, chat unread, panels and the speaker layout', async () => {
    const user = await chrome.newUser('meeting', {
      url: server().url('/index.html'),
      contextOptions: { viewport: { width: 1440, height: 900 }, colorScheme: 'dark' },
    });
    const { page } = user;
    await page.getByLabel('Your name').fill('Ada Lovelace');
    await page.getByRole('button', { name: 'Create meeting' }).click();
    const controls = page.getByRole('navigation', { name: 'Meeting controls' });
    await controls.waitFor({ timeout: 20_000 });

    const tiles = page.getByRole('region', { name: "Participants' video" }).getByRole('figure');
    await expect.poll(() => tiles.count()).toBe(9);
    // Every tile with a camera decodes frames (Edsger's camera is off: an avatar instead).
    await expect
      .poll(
        () =>
          page
            .locator('.tile-grid video')
            .evaluateAll(
              (videos) =>
                videos.filter(
                  (v) =>
                    (v as HTMLVideoElement).offsetParent !== null &&
                    (v as HTMLVideoElement).getVideoPlaybackQuality().totalVideoFrames > 3,
                ).length,
            ),
        { timeout: 30_000 },
      )
      .toBe(8);
    // 3 columns × 3 rows at this size.
    const columns = await page
      .locator('.tile-grid')
      .evaluate((g) => getComputedStyle(g).gridTemplateColumns.split(' ').length);
    expect(columns).toBe(3);

    expect(await page.getByRole('figure', { name: 'Alan Turing, muted' }).count()).toBe(1);
    expect(await page.getByRole('figure', { name: 'Katherine Johnson, hand raised' }).count()).toBe(
      1,
    );
    expect(await page.getByRole('figure', { name: "Margaret Hamilton's screen" }).count()).toBe(1);
    await expect
      .poll(() => page.getByRole('img', { name: 'Connection quality: poor' }).count())
      .toBe(1);
    await expect
      .poll(() => page.getByRole('img', { name: 'Connection quality: fair' }).count())
      .toBe(1);
    expect(await page.locator('.tile.speaking').count()).toBe(1);

    await page.evaluate(() => {
      (window as unknown as { demoReceive: (id: string, t: string) => void }).demoReceive(
        'p1',
        'Can everyone see the slides?',
      );
    });
    await controls.getByRole('button', { name: 'Chat, 1 unread' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'meeting-grid-dark.png') });

    await controls.getByRole('button', { name: 'Chat, 1 unread' }).click();
    await controls.getByRole('button', { name: 'Chat', exact: true }).waitFor();
    await expect
      .poll(() => page.getByRole('list', { name: 'Chat messages' }).textContent())
      .toContain('Can everyone see the slides?');
    await page.screenshot({ path: join(SHOTS, 'meeting-grid-chat-dark.png') });

    await controls.getByRole('button', { name: 'Participants (8)' }).click();
    await page.getByRole('list', { name: 'Participants' }).waitFor();
    expect(
      await page.getByRole('list', { name: 'Participants' }).getByRole('listitem').count(),
    ).toBe(8);

    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('button', { name: 'Speaker layout' }).click();
    await page.locator('.featured .tile.screen').waitFor();
    await page.screenshot({ path: join(SHOTS, 'meeting-speaker-people-light.png') });

    await controls.getByRole('button', { name: 'Connection stats' }).click();
    await page.getByRole('region', { name: 'Connection to Linus Torvalds' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'meeting-stats-light.png') });
    expect(user.errors).toEqual([]);
  });
});
