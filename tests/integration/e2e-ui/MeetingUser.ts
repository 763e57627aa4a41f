/**
 * A participant of the end-to-end UI tests: one browser context on the app served by
 * `parley serve`, driven only through roles and accessible names (lobby, controls, tiles, chat).
 */
import type { Locator } from 'playwright-core';
import type { ChromiumSession, TestUser } from '../../support';

/** Escapes text for use inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Polls `read` until `done` accepts its value; throws with `what` and the last value on timeout.
 * (Not vitest's expect.poll: the benchmark drives pages with this class outside vitest.)
 */
export async function waitUntil<T>(
  read: () => Promise<T> | T,
  done: (value: T) => boolean,
  what: string,
  timeoutMs = 30_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(value)})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export interface OpenOptions {
  readonly viewport?: { width: number; height: number };
  readonly colorScheme?: 'dark' | 'light';
  /** Accept the server's self-signed certificate (HTTPS for LAN guests). */
  readonly ignoreHTTPSErrors?: boolean;
}

export class MeetingUser {
  private constructor(
    readonly name: string,
    readonly user: TestUser,
  ) {}

  /** Opens the lobby at `url` (the server's start page or a join link) as `name`. */
  static async open(
    chrome: Pick<ChromiumSession, 'newUser'>,
    name: string,
    url: string,
    options: OpenOptions = {},
  ): Promise<MeetingUser> {
    const user = await chrome.newUser(name, {
      url,
      contextOptions: {
        viewport: options.viewport ?? { width: 1024, height: 640 },
        colorScheme: options.colorScheme ?? 'dark',
        ignoreHTTPSErrors: options.ignoreHTTPSErrors ?? false,
      },
    });
    await user.page.getByRole('heading', { name: 'Ready to meet?' }).waitFor({ timeout: 30_000 });
    await user.page.getByLabel('Your name').fill(name);
    return new MeetingUser(name, user);
  }

  get page(): TestUser['page'] {
    return this.user.page;
  }

  /** The meeting controls (present once in a meeting). */
  get controls(): Locator {
    return this.page.getByRole('navigation', { name: 'Meeting controls' });
  }

  /** Creates a meeting from the lobby; resolves with its code (from the address bar). */
  async createMeeting(): Promise<string> {
    await this.page.getByRole('button', { name: 'Create meeting' }).click();
    await this.controls.waitFor({ timeout: 30_000 });
    await waitUntil(
      () => this.page.url(),
      (url) => /#\/meeting\/.+$/.test(url),
      `${this.name}: the meeting's address`,
      10_000,
    );
    return decodeURIComponent(this.page.url().replace(/^.*#\/meeting\//, ''));
  }

  /** Types a code into the lobby and presses Join (does not wait for the meeting). */
  async submitCode(code: string): Promise<void> {
    await this.page.getByLabel('Meeting code or link').fill(code);
    await this.page.getByRole('button', { name: 'Join', exact: true }).click();
  }

  /** Joins by code and waits for the meeting controls. */
  async joinByCode(code: string): Promise<void> {
    await this.submitCode(code);
    await this.controls.waitFor({ timeout: 30_000 });
  }

  /** Presses a meeting control by its accessible name. */
  async press(name: string | RegExp): Promise<void> {
    await this.controls.getByRole('button', { name, exact: typeof name === 'string' }).click();
  }

  /** The tile of `who` (camera, or screen with `screen`): the accessible name starts with it. */
  tile(who: string, screen = false): Locator {
    const head = screen ? `${escapeRegExp(who)}'s screen` : `${escapeRegExp(who)}(?!'s screen)`;
    return this.page.getByRole('figure', { name: new RegExp(`^${head}(,|$)`) });
  }

  /** The accessible names of every tile, sorted. */
  async tileNames(): Promise<string[]> {
    const grid = this.page.getByRole('region', { name: "Participants' video" });
    const names = await grid
      .getByRole('figure')
      .evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
    return names.sort();
  }

  /** Decoded frames of the video in `tile` (0 when it has none yet). */
  frames(tile: Locator): Promise<number> {
    return tile
      .locator('video')
      .first()
      .evaluate((v) => (v as HTMLVideoElement).getVideoPlaybackQuality().totalVideoFrames)
      .catch(() => 0);
  }

  /** Waits until `tile`'s video is decoding: more than `min` frames, then more again. */
  async waitForFrames(tile: Locator, what: string, min = 5, timeout = 30_000): Promise<void> {
    const seen = await waitUntil(
      () => this.frames(tile),
      (n) => n > min,
      `${this.name}: ${what}`,
      timeout,
      200,
    );
    await waitUntil(
      () => this.frames(tile),
      (n) => n > seen,
      `${this.name}: ${what} keeps decoding`,
      10_000,
      200,
    );
  }

  /** Opens the chat panel (if closed) and sends `text`. */
  async sendChat(text: string): Promise<void> {
    await this.openChat();
    const box = this.page.getByRole('textbox', { name: 'Message' });
    await box.fill(text);
    await this.page.getByRole('button', { name: 'Send message' }).click();
  }

  async openChat(): Promise<void> {
    const messages = this.page.getByRole('list', { name: 'Chat messages' });
    if ((await messages.count()) === 0) await this.press(/^Chat/);
    await messages.waitFor();
  }

  /** The texts of the chat messages shown, in order. */
  async chatTexts(): Promise<string[]> {
    await this.openChat();
    return this.page
      .getByRole('list', { name: 'Chat messages' })
      .locator('li.message .text')
      .allTextContents();
  }

  /** Toasts and alerts currently shown. */
  async alerts(): Promise<string[]> {
    return (await this.page.getByRole('alert').allTextContents()).map((t) => t.trim());
  }
}
