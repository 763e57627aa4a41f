/**
 * The settings page of the desktop app in real Chromium: the real app, stores and views on a
 * scripted desktop host (./settings-demo/ScriptedHost.ts stands in for Electron's main, which
 * cannot run here, and patches settings with the shared schema as main does). Checks the hosting
 * switch, every LAN address with its copy button, the meeting name, the global mute shortcut
 * (typed, checked, recorded), the push-to-talk switch, the notification switches, STUN/TURN values
 * the form accepts being saved, errors inline; screenshots into test-results/screenshots/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Settings } from '../../../src/shared/settings';
import { useChromium, type TestUser } from '../../support';
import { buildSettingsDemo } from './buildRenderer';
import { SHOTS, useDemoServer } from './uiPage';
import type { ScriptedHost } from './settings-demo/ScriptedHost';

const LAN_URLS = [
  'http://192.168.1.23:9000/',
  'http://10.8.0.5:9000/',
  'http://169.254.10.2:9000/',
];

/** The settings the scripted host holds (what main would have written to settings.json). */
function saved(page: Page): Promise<Settings> {
  return page.evaluate(() => (window as unknown as { demoHost: ScriptedHost }).demoHost.settings);
}

/** The whole page (the app scrolls inside its own container, so the viewport grows to fit). */
async function screenshot(page: Page, file: string): Promise<void> {
  const height = await page.evaluate(() =>
    Math.max(...[...document.querySelectorAll('*')].map((e) => e.scrollHeight)),
  );
  await page.setViewportSize({ width: 1280, height: Math.min(height + 40, 4000) });
  await page.screenshot({ path: join(SHOTS, file) });
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('settings page of the desktop app', () => {
  const chrome = useChromium();
  const server = useDemoServer(buildSettingsDemo);

  async function openSettings(name: string, colorScheme: 'dark' | 'light'): Promise<TestUser> {
    const user = await chrome.newUser(name, {
      url: server().url('/index.html#/settings'),
      contextOptions: {
        viewport: { width: 1280, height: 900 },
        colorScheme,
        permissions: ['clipboard-read', 'clipboard-write'],
      },
    });
    await user.page.getByRole('heading', { name: 'Settings', exact: true }).waitFor();
    return user;
  }

  it('switches hosting, lists and copies every LAN address, and names the meeting', async () => {
    const user = await openSettings('hosting', 'dark');
    const { page } = user;
    const hosting = page.getByRole('switch', { name: 'Host meetings on this computer' });
    expect(await hosting.isChecked()).toBe(true);

    // Every LAN address is listed, each with its own copy button.
    const list = page.getByRole('list', { name: "Addresses of this computer's meeting server" });
    await expect
      .poll(() => list.locator('code').allTextContents())
      .toEqual([...LAN_URLS, 'http://127.0.0.1:9000/']);
    for (const url of LAN_URLS) {
      expect(await page.getByRole('button', { name: `Copy ${url}`, exact: true }).count()).toBe(1);
    }
    await screenshot(page, 'settings-desktop-dark.png');
    await page.getByRole('button', { name: `Copy ${LAN_URLS[1]}` }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(LAN_URLS[1]);

    // Off: saved at once, the server stops, the addresses go.
    await hosting.click();
    await expect.poll(async () => (await saved(page)).hosting.enabled).toBe(false);
    await page.getByText('Hosting is off.').waitFor();
    expect(await list.count()).toBe(0);
    // On again: starting, then running with its addresses.
    await hosting.click();
    await expect.poll(() => list.locator('code').count()).toBe(4);
    expect((await saved(page)).hosting.enabled).toBe(true);

    // The meeting name defaults to "<name>'s meeting"; a typed one is saved.
    const meetingName = page.getByLabel('Meeting name on the LAN');
    expect(await meetingName.getAttribute('placeholder')).toBe("Ada's meeting");
    await meetingName.fill('Design review');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(async () => (await saved(page)).hosting.meetingName).toBe('Design review');

    // A port out of range is explained next to the field, and Save waits for a good one.
    const port = page.getByLabel('Server port');
    await port.fill('80');
    await expect
      .poll(() => page.getByRole('alert').allTextContents())
      .toContainEqual(expect.stringContaining('Use a port between 1024 and 65535.'));
    expect(await port.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('button', { name: 'Save settings' }).isDisabled()).toBe(true);
    await port.fill('9100');

    // What the host refuses is shown inline, next to the field it names.
    await page.evaluate(() => {
      (window as unknown as { demoHost: ScriptedHost }).demoHost.rejectNextPatch = [
        'hosting.meetingName: this name is already used on the LAN',
      ];
    });
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect
      .poll(() => page.getByRole('alert').allTextContents())
      .toContainEqual(expect.stringContaining('Settings could not be saved'));
    expect(await meetingName.getAttribute('aria-invalid')).toBe('true');
    await page.getByText('this name is already used on the LAN').waitFor();
    expect((await saved(page)).hosting.port).toBe(9000);
    // Saved on the second try; the server moves to the new port.
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(async () => (await saved(page)).hosting.port).toBe(9100);
    await page.getByText('Hosting on port 9100.').waitFor();
    expect(user.errors).toEqual([]);
  });

  it('configures the global mute shortcut and push-to-talk', async () => {
    const user = await openSettings('shortcuts', 'light');
    const { page } = user;
    const mute = page.getByLabel('Mute or unmute from any app');
    expect(await mute.inputValue()).toBe('CommandOrControl+Shift+M');

    // Typed: checked as an accelerator, and a plain typing key is refused for a global shortcut.
    await mute.fill('Ctrl+Ctrl+M');
    await expect
      .poll(() => page.getByRole('alert').allTextContents())
      .toContainEqual(expect.stringContaining('Not a key combination'));
    expect(await page.getByRole('button', { name: 'Save settings' }).isDisabled()).toBe(true);
    await mute.fill('Shift+M');
    await expect
      .poll(() => page.getByRole('alert').allTextContents())
      .toContainEqual(expect.stringContaining('Add Ctrl, Alt or Super'));

    // Recorded: the next combination pressed becomes the shortcut.
    await page.getByRole('button', { name: 'Record keys' }).click();
    await page.keyboard.press('Control+Alt+K');
    await expect.poll(() => mute.inputValue()).toBe('Ctrl+Alt+K');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(async () => (await saved(page)).shortcuts.muteGlobal).toBe('Ctrl+Alt+K');

    // Push-to-talk: off by default, so Space is no meeting shortcut; on saves "Space".
    const ptt = page.getByRole('switch', { name: /Push-to-talk/ });
    expect(await ptt.isChecked()).toBe(false);
    const keys = page.locator('dl.keys');
    expect(await keys.textContent()).not.toContain('Space');
    await ptt.click();
    await expect.poll(async () => (await saved(page)).shortcuts.pushToTalk).toBe('Space');
    await expect.poll(() => keys.textContent()).toContain('Hold to talk while muted');
    expect(await ptt.isChecked()).toBe(true);

    // "Turn off" empties the global shortcut; saving an empty one turns it off.
    await page.getByRole('button', { name: 'Turn off' }).click();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(async () => (await saved(page)).shortcuts.muteGlobal).toBe('');
    expect(user.errors).toEqual([]);
  });

  it('turns chat and join notifications off and on, each saved at once', async () => {
    const user = await openSettings('notifications', 'dark');
    const { page } = user;
    await page.getByRole('heading', { name: 'Notifications', exact: true }).waitFor();
    const chat = page.getByRole('switch', { name: 'Notify me of chat messages' });
    const joins = page.getByRole('switch', { name: 'Notify me when someone joins' });
    expect([await chat.isChecked(), await joins.isChecked()]).toEqual([true, true]);
    expect((await saved(page)).notifications).toEqual({ chat: true, joins: true });

    // By keyboard: focus the switch and press Space.
    await chat.focus();
    await page.keyboard.press('Space');
    await expect.poll(async () => (await saved(page)).notifications.chat).toBe(false);
    expect(await chat.isChecked()).toBe(false);
    expect((await saved(page)).notifications.joins).toBe(true);

    await joins.click();
    await expect
      .poll(async () => (await saved(page)).notifications)
      .toEqual({ chat: false, joins: false });

    // A refused change puts the switch back and says why next to it.
    await page.evaluate(() => {
      (window as unknown as { demoHost: ScriptedHost }).demoHost.rejectNextPatch = [
        'notifications.joins: could not be saved',
      ];
    });
    await joins.click();
    await expect
      .poll(() => page.getByRole('alert').allTextContents())
      .toContainEqual(expect.stringContaining('Could not change this'));
    expect(await joins.isChecked()).toBe(false);
    await screenshot(page, 'settings-desktop-notifications-dark.png');

    await chat.click();
    await expect
      .poll(async () => (await saved(page)).notifications)
      .toEqual({ chat: true, joins: false });
    expect(user.errors).toEqual([]);
  });

  it('saves the STUN/TURN servers the form accepts (stuns:, long credentials)', async () => {
    const user = await openSettings('ice', 'light');
    const { page } = user;
    await page.getByRole('button', { name: 'Add server' }).click();
    await page.getByLabel('Server 1 URLs').fill('stuns:stun.example.org:5349');
    await page.getByRole('button', { name: 'Add server' }).click();
    await page
      .getByLabel('Server 2 URLs')
      .fill('turn:turn.example.org:3478?transport=udp, turns:turn.example.org:5349');
    await page.getByLabel('Username').nth(1).fill('alice');
    const credential = 'c'.repeat(400); // over the old 256-character limit, within ice.ts's 512
    await page.getByLabel('Credential').nth(1).fill(credential);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(async () => (await saved(page)).iceServers.length).toBe(2);
    expect((await saved(page)).iceServers).toEqual([
      { urls: ['stuns:stun.example.org:5349'] },
      {
        urls: ['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:5349'],
        username: 'alice',
        credential,
      },
    ]);
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.getByText('Settings saved').waitFor();
    await screenshot(page, 'settings-desktop-light.png');
    expect(user.errors).toEqual([]);
  });
});
