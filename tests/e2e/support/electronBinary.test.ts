import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from './electronBinary';

let root: string;
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('findElectronBinary', () => {
  it('reports a missing path.txt with how to fix it', () => {
    root = mkdtempSync(join(tmpdir(), 'parley-eb-'));
    const found = findElectronBinary(root, {});
    expect(found).toMatchObject({ ok: false });
    expect(!found.ok && found.reason).toMatch(/path\.txt is missing/);
  });
  it('finds dist/<path.txt>, and reports when that file is gone', () => {
    root = mkdtempSync(join(tmpdir(), 'parley-eb-'));
    const pkg = join(root, 'node_modules', 'electron');
    mkdirSync(join(pkg, 'dist'), { recursive: true });
    writeFileSync(join(pkg, 'path.txt'), 'electron');
    expect(findElectronBinary(root, {})).toMatchObject({ ok: false });
    writeFileSync(join(pkg, 'dist', 'electron'), '');
    expect(findElectronBinary(root, {})).toEqual({ ok: true, path: join(pkg, 'dist', 'electron') });
  });
});

describe('findElectronBinary with ELECTRON_OVERRIDE_DIST_PATH', () => {
  it('uses the override folder, with or without path.txt', () => {
    root = mkdtempSync(join(tmpdir(), 'parley-eb-'));
    const dist = join(root, 'custom-dist');
    mkdirSync(dist);
    const env = { ELECTRON_OVERRIDE_DIST_PATH: dist };
    expect(findElectronBinary(root, env)).toMatchObject({ ok: false });
    writeFileSync(join(dist, 'electron'), '');
    expect(findElectronBinary(root, env)).toEqual({ ok: true, path: join(dist, 'electron') });
  });
});
