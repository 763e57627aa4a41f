/**
 * Packaging check: electron-builder (its API, as `electron-builder --dir --linux deb` would run)
 * with electronDist pointed at a stub Electron (a file carrying the fuse wire, so fuse flipping
 * runs for real), then the produced app.asar is listed: the app's bundles and production
 * dependencies only — no sources, tests or devDependencies. The deb target runs up to the point
 * where it would call fpm (not installed here): the generated .desktop entry is checked instead.
 */
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
const builder = require('electron-builder') as {
  build(options: Record<string, unknown>): Promise<string[]>;
  Platform: { LINUX: { createTarget(types: string[], arch: number): unknown } };
  Arch: { x64: number };
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
/** The .desktop file the deb would install, and fpm's arguments. */
let desktopEntry = '';
let fpmArgs: string[] = [];
let previousCi: string | undefined;

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

beforeAll(async () => {
  ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'parley-pack-'));
  writeStubElectron(join(work, 'electron-dist'));
  previousCi = process.env.CI;
  process.env.CI = 'true'; // no interactive prompts, no update checks
  await builder.build({
    projectDir: REPO_ROOT,
    targets: builder.Platform.LINUX.createTarget(['dir', 'deb'], builder.Arch.x64),
    publish: 'never',
    // Merged over electron-builder.yml, as -c.<key> is on the command line.
    config: {
      electronDist: join(work, 'electron-dist'),
      directories: { output: join(work, 'release') },
    },
    // Called by the deb target with [fpm args, .desktop path] just before running fpm.
    effectiveOptionComputed: (computed: unknown) => {
      if (!Array.isArray(computed) || typeof computed[1] !== 'string')
        return Promise.resolve(false);
      fpmArgs = computed[0] as string[];
      desktopEntry = readFileSync(computed[1], 'utf8');
      return Promise.resolve(true);
    },
  });
  appDir = join(work, 'release', 'linux-unpacked');
  files = asar
    .listPackage(join(appDir, 'resources', 'app.asar'), {})
    .map((f) => f.replaceAll('\\', '/'));
}, 300_000);

afterAll(() => {
  if (previousCi === undefined) delete process.env.CI;
  else process.env.CI = previousCi;
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

  it('holds no sources, tests, configs, maps, build resources or the headless server', () => {
    const top = new Set(files.map((f) => f.split('/')[1]));
    expect([...top].sort()).toEqual(['node_modules', 'out', 'package.json']);
    const outDirs = new Set(files.filter((f) => f.startsWith('/out/')).map((f) => f.split('/')[2]));
    expect([...outDirs].sort()).toEqual(['main', 'preload', 'renderer']);
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
    ) as { main: string; version: string; type: string; desktopName: string };
    expect(inside.main).toBe('./out/main/index.js');
    expect(inside.type).toBe('module');
    expect(inside.version).toBe(pkg.version);
    expect(inside.desktopName).toBe('parley.desktop');
  });

  it('generates a Linux desktop entry that opens parley:// links', () => {
    const entry = Object.fromEntries(
      desktopEntry
        .split('\n')
        .filter((l) => l.includes('='))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    expect(desktopEntry.startsWith('[Desktop Entry]')).toBe(true);
    expect(entry).toMatchObject({
      Name: 'Parley',
      Type: 'Application',
      Icon: 'parley',
      MimeType: 'x-scheme-handler/parley;',
      // = desktopName without .desktop: Electron's Wayland app_id and the X11 WM_CLASS instance.
      StartupWMClass: 'parley',
      Categories: 'AudioVideo;Network;VideoConference;',
    });
    // %U hands the link to the app (second-instance argv on Linux).
    expect(entry.Exec).toMatch(/\/parley %U$/);
    // Installed under the name desktopName points at.
    expect(fpmArgs.some((a) => a.endsWith('=/usr/share/applications/parley.desktop'))).toBe(true);
  });
});
