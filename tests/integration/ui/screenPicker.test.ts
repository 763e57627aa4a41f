/**
 * The screen-share picker in real Chromium: the real app, with a host that asks for the picker as
 * Electron's main does (./picker). Checks roles and names, keyboard use (radios, tabs, focus
 * trap, Escape), the answer sent back, and screenshots into test-results/screenshots/.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useChromium } from '../../support';
import { buildPickerDemo } from './buildRenderer';
import { SHOTS, useDemoServer } from './uiPage';

interface Demo {
  demoPick: (audio: boolean) => void;
  demoChoices: unknown[];
}

describe('screen-share picker', () => {
  const chrome = useChromium();
  const server = useDemoServer(buildPickerDemo, { webHost: true });

  it('picks a screen or window with mouse and keyboard and answers the host', async () => {
    const user = await chrome.newUser('picker', {
      url: server().url('/index.html'),
      contextOptions: { viewport: { width: 1280, height: 800 }, colorScheme: 'dark' },
    });
    const { page } = user;
    await page.getByLabel('Your name').waitFor();
    await page.evaluate(() => {
      (window as unknown as Demo).demoPick(true);
    });

    const dialog = page.getByRole('dialog', { name: 'Share your screen' });
    await dialog.waitFor();
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    const screens = dialog.getByRole('radiogroup', { name: 'Screens' });
    expect(await screens.getByRole('radio').count()).toBe(2);
    const screen1 = dialog.getByRole('radio', { name: 'Screen 1' });
    await expect.poll(() => screen1.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await screen1.isChecked()).toBe(true);
    // Thumbnails decoded (data: URLs allowed by the CSP).
    await expect
      .poll(() =>
        dialog
          .locator('img')
          .evaluateAll(
            (imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length,
          ),
      )
      .toBe(2);
    await page.screenshot({ path: join(SHOTS, 'screen-picker-screens-dark.png') });

    // Arrow keys move between radios; Tab never leaves the dialog.
    await page.keyboard.press('ArrowRight');
    expect(await dialog.getByRole('radio', { name: 'Screen 2' }).isChecked()).toBe(true);
    for (let i = 0; i < 7; i++) {
      await page.keyboard.press('Tab');
      expect(
        await dialog.evaluate((d) => d.contains(document.activeElement)),
        `focus after ${i + 1} Tab`,
      ).toBe(true);
    }

    await page.emulateMedia({ colorScheme: 'light' });
    await dialog.getByRole('tab', { name: /Windows/ }).click();
    const slides = dialog.getByRole('radio', { name: 'Quarterly review — Slides' });
    expect(await slides.isChecked()).toBe(true);
    await dialog.getByRole('checkbox', { name: 'Share system audio' }).check();
    await page.screenshot({ path: join(SHOTS, 'screen-picker-windows-light.png') });
    await dialog.getByRole('button', { name: 'Share' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => (window as unknown as Demo).demoChoices)).toEqual([
      { requestId: 'r1', sourceId: 'window:101:0', audio: true },
    ]);

    // Without audio asked for there is no toggle; Escape cancels.
    await page.evaluate(() => {
      (window as unknown as Demo).demoPick(false);
    });
    await dialog.waitFor();
    expect(await dialog.getByRole('checkbox').count()).toBe(0);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => (window as unknown as Demo).demoChoices)).toEqual([
      { requestId: 'r1', sourceId: 'window:101:0', audio: true },
      { requestId: 'r2', sourceId: null, audio: false },
    ]);
    expect(user.errors).toEqual([]);
  });
});
