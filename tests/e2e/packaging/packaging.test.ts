/**
 * Packaging check: electron-builder --dir with electronDist pointed at a stub Electron (a file
 * carrying the fuse wire, so fuse flipping runs for real), then the produced app.asar is listed:
 * the app's bundles and production dependencies only — no sources, tests or devDependencies.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/buildOutput';
import { REPO_ROOT } from '../support/electronBinary';

const require = createRequire(join(REPO_ROOT, 'package.json'));
const asar = require('@electron/asar') as {
  listPackage(archive: string, options: object): string[];
  extractFile(archive: string, file: string): Buffer;
};
const fuses = require('@electron/fuses') as {
  getCurrentFuseWire(binary: string): Promise<Record<string, unknown>>;
};
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
let work: string;
let appDir: string;
let files: string[];

/** A fake Electron distribution: an "executable" holding a version-1 fuse wire of 8 fuses. */
function writeStubElectron(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const wire = Buffer.concat([
    Buffer.from('stub electron\n'),
    Buffer.from(SENTINEL),
    Buffer.from([1, 8]),
    Buffer.from('10110001'),
    Buffer.from('\n'),
  ]);
  writeFileSync(join(dir, 'electron'), wire, { mode: 0o755 });
  writeFileSync(join(dir, 'LICENSE'), 'stub');
  writeFileSync(
    join(dir, 'version'),
    (require('electron/package.json') as { version: string }).version,
  );
}

beforeAll(() => {
  ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'parley-pack-'));
  writeStubElectron(join(work, 'electron-dist'));
  const result = spawnSync(
    process.execPath,
    [
      require.resolve('electron-builder/cli.js'),
      '--dir',
      '--linux',
      '--x64',
      '--publish',
      'never',
      `-c.electronDist=${join(work, 'electron-dist')}`,
      `-c.directories.output=${join(work, 'release')}`,
    ],
    { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
  );
  if (result.status !== 0)
    throw new Error(
      `electron-builder failed (${result.status}):\n${result.stdout}\n${result.stderr}`,
    );
  appDir = join(work, 'release', 'linux-unpacked');
  files = asar
    .listPackage(join(appDir, 'resources', 'app.asar'), {})
    .map((f) => f.replaceAll('\\', '/'));
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('packaged app (electron-builder --dir, stub Electron)', () => {
  it('holds the bundles and package.json', () => {
    for (const f of [
      '/package.json',
      '/out/main/index.js',
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
    ]) {
      expect(files, f).toContain(f);
    }
  });

  it('holds no sources, tests, configs, maps or build resources', () => {
    const top = new Set(files.map((f) => f.split('/')[1]));
    expect([...top].sort()).toEqual(['node_modules', 'out', 'package.json']);
    expect(files.filter((f) => f.endsWith('.map') && f.startsWith('/out/'))).toEqual([]);
    expect(files.filter((f) => f.startsWith('/out/') && f.endsWith('.ts'))).toEqual([]);
  });

  it('holds every production dependency and no devDependency', () => {
    const modules = new Set(
      files
        .filter((f) => /^\/node_modules\/(@[^/]+\/)?[^/]+$/.test(f))
        .map((f) => f.slice('/node_modules/'.length)),
    );
    for (const dep of Object.keys(pkg.dependencies)) expect(modules.has(dep), dep).toBe(true);
    for (const dev of Object.keys(pkg.devDependencies)) expect(modules.has(dev), dev).toBe(false);
    expect(modules.has('electron')).toBe(false);
  });

  it('flipped the fuses in the executable', async () => {
    const wire = await fuses.getCurrentFuseWire(join(appDir, 'parley'));
    const state = (i: number) => String.fromCharCode(wire[i] as number);
    // 0 runAsNode, 1 cookieEncryption, 2 NODE_OPTIONS, 3 inspect args, 4 asar integrity, 5 only asar, 7 file protocol
    expect([0, 1, 2, 3, 4, 5, 7].map(state)).toEqual(['0', '1', '0', '0', '1', '1', '0']);
  });

  it('ships the tray icons outside the asar', () => {
    expect(
      readFileSync(join(appDir, 'resources', 'icons', '32x32.png'))
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
  });

  it('package.json in the asar points at the built main', () => {
    const inside = JSON.parse(
      asar.extractFile(join(appDir, 'resources', 'app.asar'), 'package.json').toString(),
    ) as { main: string; version: string };
    expect(inside.main).toBe('./out/main/index.js');
    expect(inside.version).toBe(pkg.version);
  });
});
