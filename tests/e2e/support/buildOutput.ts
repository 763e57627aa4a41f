/**
 * Makes sure the electron-vite output (out/) exists and is not older than the sources it is
 * built from, building it when it is missing or stale, so the specs never test an old build.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './electronBinary';

export const BUILD_OUTPUTS = [
  'out/main/index.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
];

/** What the build reads: a change to any of these makes out/ stale. */
const BUILD_INPUTS = ['src', 'electron.vite.config.ts', 'package.json'];

/** The newest modification time below `path` (a file or a folder), in ms. */
function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when every output exists and none is older than the newest input. */
export function isBuildFresh(root = REPO_ROOT): boolean {
  const outputs = BUILD_OUTPUTS.map((f) => join(root, f));
  if (!outputs.every((f) => existsSync(f))) return false;
  const oldestOutput = Math.min(...outputs.map((f) => statSync(f).mtimeMs));
  const inputs = BUILD_INPUTS.map((f) => join(root, f)).filter((f) => existsSync(f));
  return inputs.every((f) => newestMtime(f) <= oldestOutput);
}

export function ensureBuilt(root = REPO_ROOT): void {
  if (isBuildFresh(root)) return;
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    { cwd: root, stdio: 'inherit' },
  );
}
