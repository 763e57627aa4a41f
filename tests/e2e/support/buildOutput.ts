/** Makes sure the electron-vite output (out/) exists, building it once when it does not. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './electronBinary';

export const BUILD_OUTPUTS = [
  'out/main/index.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
];

export function ensureBuilt(root = REPO_ROOT): void {
  if (BUILD_OUTPUTS.every((f) => existsSync(join(root, f)))) return;
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}
