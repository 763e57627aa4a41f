/**
 * One browser per test file, one browser context per simulated user, as vitest hooks:
 * the browser launches in beforeAll; users opened inside a test are closed after it (pass or
 * fail); users opened in beforeAll, and the browser, after the file.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { launchChromium, type LaunchChromiumOptions } from './chromium';
import { openUser, type OpenUserOptions, type TestUser } from './pageHelpers';

/** Closes everything, each even if another fails; reports every failure at the end. */
export async function closeAll(closers: readonly (() => Promise<unknown>)[]): Promise<void> {
  const results = await Promise.allSettled(closers.map((close) => close()));
  const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failures.length > 0) {
    throw new AggregateError(
      failures.map((f) => f.reason as unknown),
      `${failures.length} cleanup step(s) failed`,
    );
  }
}

/** The handle useChromium() returns. */
export interface ChromiumSession {
  /** The browser of this test file (available from beforeAll on). */
  readonly browser: Browser;
  /** Opens a user (see openUser); closed after the current test, or after the file. */
  newUser(name: string, options?: OpenUserOptions): Promise<TestUser>;
}

/**
 * Registers vitest hooks for one browser per test file: launched in beforeAll, users opened in a
 * test closed after it, everything closed after the file (also when tests fail). Call it at the
 * top of a describe block (or file), before other hooks that open users.
 */
export function useChromium(options: LaunchChromiumOptions = {}): ChromiumSession {
  let browser: Browser | undefined;
  const fileUsers: TestUser[] = [];
  let testUsers: TestUser[] | undefined;

  beforeAll(async () => {
    browser = await launchChromium(options);
  }, 90_000);
  beforeEach(() => {
    testUsers = [];
  });
  afterEach(async () => {
    const users = testUsers ?? [];
    testUsers = undefined;
    await closeAll(users.map((user) => () => user.close()));
  }, 30_000);
  afterAll(async () => {
    await closeAll(fileUsers.map((user) => () => user.close()));
    const closing = browser?.close();
    browser = undefined;
    if (closing === undefined) return;
    // A wedged browser must not hang the run; playwright kills it when the worker exits.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, 20_000);
    });
    await Promise.race([closing, timeout]).finally(() => {
      clearTimeout(timer);
    });
  }, 60_000);

  return {
    get browser(): Browser {
      if (browser === undefined) throw new Error('useChromium(): the browser starts in beforeAll');
      return browser;
    },
    async newUser(name, userOptions) {
      if (browser === undefined) throw new Error('useChromium(): the browser starts in beforeAll');
      const user = await openUser(browser, name, userOptions);
      (testUsers ?? fileUsers).push(user);
      return user;
    },
  };
}
