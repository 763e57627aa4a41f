import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleForBrowser } from '../../support/bundle';

interface FixtureGlobal {
  openType: string;
  describeServerFrame(text: string): string;
}

/** Runs an IIFE bundle in a fresh global scope, as a <script> tag would, and returns the global. */
function load(code: string, globalName: string): unknown {
  const scope: Record<string, unknown> = {};
  runInNewContext(code, scope);
  return scope[globalName];
}

describe('bundleForBrowser', () => {
  const temps: string[] = [];
  afterAll(async () => {
    await Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('bundles a TypeScript entry that imports src/shared into one IIFE defining a global', async () => {
    const code = await bundleForBrowser('tests/support/fixtures/sharedEntry.ts', 'ParleyFixture');
    expect(code).not.toMatch(/^\s*import\s/m);
    const fixture = load(code, 'ParleyFixture') as FixtureGlobal;
    expect(fixture.openType).toBe('OPEN');
    expect(fixture.describeServerFrame('{"type":"OPEN"}')).toBe('OPEN');
    expect(fixture.describeServerFrame('{"type":"NOPE"}')).toMatch(/^rejected: /);
  }, 60_000);

  it('reuses the cached bundle while its inputs are unchanged', async () => {
    const first = await bundleForBrowser('tests/support/fixtures/sharedEntry.ts', 'ParleyFixture');
    const started = Date.now();
    const again = await bundleForBrowser(
      resolve('tests/support/fixtures/sharedEntry.ts'),
      'ParleyFixture',
    );
    expect(again).toBe(first);
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 60_000);

  it('rebuilds when a file the entry imports changes, not only the entry', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-bundle-'));
    temps.push(dir);
    const dep = join(dir, 'dep.ts');
    await writeFile(join(dir, 'entry.ts'), "export { value } from './dep';\n");
    await writeFile(dep, 'export const value: number = 1;\n');
    const entry = join(dir, 'entry.ts');
    expect((load(await bundleForBrowser(entry, 'Dep'), 'Dep') as { value: number }).value).toBe(1);
    await writeFile(dep, 'export const value: number = 2;\n');
    const later = new Date(Date.now() + 5_000);
    await utimes(dep, later, later);
    expect((load(await bundleForBrowser(entry, 'Dep'), 'Dep') as { value: number }).value).toBe(2);
  }, 60_000);

  it('rejects a bad global name and a missing entry with clear errors', async () => {
    await expect(
      bundleForBrowser('tests/support/fixtures/sharedEntry.ts', 'not-valid'),
    ).rejects.toThrow(/not a valid global name/);
    await expect(bundleForBrowser('tests/support/fixtures/nope.ts', 'X')).rejects.toThrow(
      /entry not found/,
    );
  });
});
