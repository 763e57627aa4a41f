import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateIn, pageHtml, waitForPage } from '../../support/pageHelpers';
import { useChromium } from '../../support/useChromium';
import { startStaticServer, type StaticServer } from '../../support/staticServer';

describe('page helpers', () => {
  const chrome = useChromium();
  let site: StaticServer;

  beforeAll(async () => {
    site = await startStaticServer({
      '/one.js': 'globalThis.order = ["one"];',
      '/two.js':
        'globalThis.order.push("two"); setTimeout(() => { globalThis.ready = "yes"; }, 300);',
      '/boom.js': 'setTimeout(() => { throw new Error("kaboom"); }, 0);',
    });
  });
  afterAll(() => site.close());

  it('builds pages that load scripts in order, escaped', () => {
    const html = pageHtml('a<b', ['/x.js?a=1&b=2']);
    expect(html).toContain('<title>a&lt;b</title>');
    expect(html).toContain('<script src="/x.js?a=1&amp;b=2"></script>');
  });

  it('opens a user on a generated page and evaluates and waits in it', async () => {
    const user = await chrome.newUser('carol', { server: site, scripts: ['/one.js', '/two.js'] });
    const order = await evaluateIn(
      user,
      () => (globalThis as unknown as { order: string[] }).order,
      undefined,
    );
    expect(order).toEqual(['one', 'two']);
    const ready = await waitForPage(
      user,
      () => (globalThis as unknown as { ready?: string }).ready,
      undefined,
      {
        description: 'ready',
      },
    );
    expect(ready).toBe('yes');
  });

  it('gives every user its own context, and closes the users of a test after it', async () => {
    expect(chrome.browser.contexts()).toHaveLength(0); // carol's was closed after her test
    const a = await chrome.newUser('a', { server: site });
    const b = await chrome.newUser('b', { server: site });
    expect(a.context).not.toBe(b.context);
    expect(chrome.browser.contexts()).toHaveLength(2);
  });

  it('records uncaught page errors and names the user and the wait on timeout', async () => {
    expect(chrome.browser.contexts()).toHaveLength(0);
    const user = await chrome.newUser('dave', { server: site, scripts: ['/boom.js'] });
    await waitForPage(user, () => true, undefined);
    await expect.poll(() => user.errors.join('\n')).toContain('kaboom');
    await expect(
      waitForPage(user, () => false, undefined, { timeoutMs: 300, description: 'never' }),
    ).rejects.toThrow(
      /^\[dave\] waiting for never failed after up to 300 ms\npage errors:\n.*kaboom/s,
    );
    await expect(
      evaluateIn(
        user,
        () => {
          throw new Error('inside');
        },
        undefined,
      ),
    ).rejects.toThrow(/^\[dave\] .*inside/);
  });
});
