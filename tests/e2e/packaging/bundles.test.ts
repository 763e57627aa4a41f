/**
 * Checks of the electron-vite output that the sandbox and CSP depend on: the preload is CommonJS
 * and requires nothing but 'electron' (a sandboxed preload cannot load other modules); the main
 * bundle turns the sandbox on; the page ships the CSP meta tag.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/buildOutput';
import { REPO_ROOT } from '../support/electronBinary';

beforeAll(() => {
  ensureBuilt();
});

describe('build output', () => {
  it('the preload is CommonJS requiring only electron', () => {
    const preload = readFileSync(join(REPO_ROOT, 'out/preload/index.cjs'), 'utf8');
    const requires = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect([...new Set(requires)]).toEqual(['electron']);
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
    expect(preload).toMatch(/exposeInMainWorld\("parley"/);
  });

  it('the main bundle loads the app from app://parley with the hardened window', () => {
    const main = readFileSync(join(REPO_ROOT, 'out/main/index.js'), 'utf8');
    expect(main).toMatch(/app:\/\/parley|APP_SCHEME/);
    expect(main).toMatch(/enableSandbox\(\)/);
    expect(main).toMatch(/contextIsolation: true/);
    expect(main).toMatch(/registerSchemesAsPrivileged/);
    // The window's preload is the CommonJS file the preload build writes.
    expect(main).toContain('"../preload/index.cjs"');
    // ESM main (package.json "type": "module"): __dirname comes from electron-vite's shim.
    expect(main).toMatch(/const __dirname = import\.meta\.dirname/);
  });

  it('index.html carries the CSP meta tag without unsafe-eval', () => {
    const html = readFileSync(join(REPO_ROOT, 'out/renderer/index.html'), 'utf8');
    expect(html).toMatch(/http-equiv="Content-Security-Policy"/);
    expect(html).not.toMatch(/unsafe-eval/);
  });
});
