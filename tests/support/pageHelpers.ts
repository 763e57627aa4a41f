/**
 * Pages for browser tests: one browser per test file, one browser context per simulated user.
 * Every page's console errors/warnings, uncaught errors and crashes are printed with the user's
 * name, and kept on `user.errors`; waits time out with what they were waiting for.
 *
 *   const chrome = useChromium();                      // see useChromium.ts
 *   const site = await startStaticServer({ '/lib.js': { file: 'node_modules/x/lib.js' } });
 *   const alice = await chrome.newUser('alice', { server: site, scripts: ['/lib.js'] });
 *   const ready = await waitForPage(alice, () => (globalThis as G).ready, undefined);
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import type { StaticServer } from './staticServer';

/** A simulated user: its own browser context (cookies, storage, devices) and one page. */
export interface TestUser {
  readonly name: string;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors, uncaught page errors and crashes seen so far, oldest first. */
  readonly errors: readonly string[];
  /** Closes the context. Safe to call twice. */
  close(): Promise<void>;
}

/** Options of openUser(). */
export interface OpenUserOptions {
  /** Serves the generated page; with `scripts`/`body`. */
  readonly server?: StaticServer;
  /** Script routes on `server` (or absolute URLs) loaded in order, as classic scripts. */
  readonly scripts?: readonly string[];
  /** Markup of the page's body. Default: empty. */
  readonly body?: string;
  /** Open this URL instead of a generated page. */
  readonly url?: string;
  /** Options of the user's browser context. */
  readonly contextOptions?: BrowserContextOptions;
  /** Also print console.log/info/debug (errors and warnings always are). Default: $PARLEY_TEST_VERBOSE=1. */
  readonly verbose?: boolean;
}

let pageCounter = 0;

/** The HTML of a page that loads `scripts` in order. */
export function pageHtml(title: string, scripts: readonly string[], body = ''): string {
  const escape = (text: string): string =>
    text.replace(
      /[&<>"]/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c,
    );
  const tags = scripts.map((src) => `<script src="${escape(src)}"></script>`).join('\n');
  return `<!doctype html>\n<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${escape(title)}</title>\n${tags}\n</head><body>${body}</body></html>\n`;
}

/**
 * Prints a page's console errors and warnings (all messages when verbose), uncaught errors and
 * crashes, prefixed with `[name]`; returns the live list of errors.
 */
export function forwardPageOutput(
  page: Page,
  name: string,
  verbose = process.env.PARLEY_TEST_VERBOSE === '1',
): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    const type = message.type();
    if (type === 'error') errors.push(`console.error: ${message.text()}`);
    if (type === 'error' || type === 'warning')
      console.warn(`[${name}] console.${type}: ${message.text()}`);
    else if (verbose) console.log(`[${name}] console.${type}: ${message.text()}`);
  });
  page.on('pageerror', (error) => {
    errors.push(`pageerror: ${error.stack ?? error.message}`);
    console.warn(`[${name}] pageerror: ${error.stack ?? error.message}`);
  });
  page.on('crash', () => {
    errors.push('page crashed');
    console.warn(`[${name}] page crashed`);
  });
  return errors;
}

/** Opens a user: a new context and page in `browser`, on a generated page or on `options.url`. */
export async function openUser(
  browser: Browser,
  name: string,
  options: OpenUserOptions = {},
): Promise<TestUser> {
  const context = await browser.newContext(options.contextOptions);
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= context.close().catch(() => undefined));
  try {
    const page = await context.newPage();
    const errors = forwardPageOutput(page, name, options.verbose);
    let url = options.url;
    if (url === undefined) {
      if (options.server === undefined)
        throw new Error(`openUser(${name}): give a url or a server`);
      const route = `/__pages/${name.replace(/[^\w-]/g, '_')}-${++pageCounter}.html`;
      options.server.set(route, pageHtml(name, options.scripts ?? [], options.body));
      url = options.server.url(route);
    }
    const response = await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
    if (response !== null && !response.ok()) {
      throw new Error(`openUser(${name}): ${url} answered ${response.status()}`);
    }
    return { name, context, page, errors, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** What a truthy result of R can be. */
export type Truthy<R> = Exclude<R, false | 0 | '' | null | undefined>;

/** Options of waitForPage(). */
export interface WaitForPageOptions {
  /** Give up after this many ms. Default: 30 000. */
  readonly timeoutMs?: number;
  /** What the wait is for, shown in the timeout error. */
  readonly description?: string;
  /** Poll interval in ms. Default: 100 (works in background/headless tabs, unlike rAF). */
  readonly pollMs?: number;
}

/**
 * Polls `fn(arg)` in the user's page until it returns a truthy value and resolves with that
 * value (serialized). On timeout, the error names the user, the wait and the page's errors.
 */
export async function waitForPage<R, A>(
  user: TestUser,
  fn: (arg: A) => R | Promise<R>,
  arg: A,
  options: WaitForPageOptions = {},
): Promise<Truthy<R>> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  try {
    // Playwright types `arg` through its Unboxed<A>; serializable A is passed through as is.
    const pageFn = fn as (arg: unknown) => R | Promise<R>;
    const handle = await user.page.waitForFunction(pageFn, arg as unknown, {
      timeout: timeoutMs,
      polling: options.pollMs ?? 100,
    });
    const value = (await handle.jsonValue()) as Truthy<R>;
    await handle.dispose();
    return value;
  } catch (error) {
    const what = options.description ?? fn.toString().slice(0, 120);
    const errors = user.errors.length > 0 ? `\npage errors:\n  ${user.errors.join('\n  ')}` : '';
    throw new Error(
      `[${user.name}] waiting for ${what} failed after up to ${timeoutMs} ms${errors}`,
      { cause: error },
    );
  }
}

/**
 * Runs `fn(arg)` in the user's page and resolves with its (serialized) result; a failure names
 * the user. `fn` runs in the browser: it may use only page globals and `arg`.
 */
export async function evaluateIn<R, A>(
  user: TestUser,
  fn: (arg: A) => R | Promise<R>,
  arg: A,
): Promise<R> {
  try {
    // Playwright types `arg` through its Unboxed<A>; serializable A is passed through as is.
    return await user.page.evaluate(fn as (arg: unknown) => R | Promise<R>, arg as unknown);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`[${user.name}] ${message}`, { cause: error });
  }
}
