/**
 * Finds the Electron binary from files on disk, the way node_modules/electron/index.js does, but
 * without ever starting its download: node_modules/electron/path.txt names the executable under
 * node_modules/electron/dist/. ELECTRON_OVERRIDE_DIST_PATH is honoured as Electron does (then
 * path.txt is optional: the executable is `electron` in that folder).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type ElectronBinary =
  { readonly ok: true; readonly path: string } | { readonly ok: false; readonly reason: string };

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');

export function findElectronBinary(
  root = REPO_ROOT,
  env: NodeJS.ProcessEnv = process.env,
): ElectronBinary {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (relative === null && !override) {
    return {
      ok: false,
      reason: `Electron binary not installed (${pathFile} is missing: its download failed or was skipped). Run "node node_modules/electron/install.js" with internet access, or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron.`,
    };
  }
  const binary = override ? join(override, relative ?? 'electron') : join(pkg, 'dist', relative!);
  if (!existsSync(binary))
    return {
      ok: false,
      reason: `Electron binary missing at ${binary} (${override ? 'ELECTRON_OVERRIDE_DIST_PATH' : `path.txt says "${relative}"`})`,
    };
  return { ok: true, path: binary };
}
