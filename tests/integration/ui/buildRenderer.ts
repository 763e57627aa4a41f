/**
 * Builds the renderer (src/renderer, Vue) with Vite, as electron-vite's renderer build does, into
 * a cache folder for the UI tests. Rebuilt when any source file under src/renderer or src/shared
 * is newer than the last build.
 */
import vue from '@vitejs/plugin-vue';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';

const ROOT = resolve(import.meta.dirname, '../../..');
export const RENDERER_OUT = join(ROOT, 'node_modules/.cache/parley-ui-test/renderer');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

export const DEMO_OUT = join(ROOT, 'node_modules/.cache/parley-ui-test/demo');

/** Builds the app once per source change; returns the output folder (index.html and assets/). */
export function buildRenderer(): Promise<string> {
  return buildOnce(join(ROOT, 'src/renderer'), RENDERER_OUT);
}

/** Builds the meeting demo page (the app wired to a scripted meeting, ./demo). */
export function buildDemo(): Promise<string> {
  return buildOnce(join(import.meta.dirname, 'demo'), DEMO_OUT);
}

export const SETTINGS_DEMO_OUT = join(ROOT, 'node_modules/.cache/parley-ui-test/settings-demo');

/** Builds the settings demo page (the app on a scripted desktop host, ./settings-demo). */
export function buildSettingsDemo(): Promise<string> {
  return buildOnce(join(import.meta.dirname, 'settings-demo'), SETTINGS_DEMO_OUT);
}

export const PICKER_DEMO_OUT = join(ROOT, 'node_modules/.cache/parley-ui-test/picker');

/** Builds the screen-picker demo page (the app with a host that asks for the picker, ./picker). */
export function buildPickerDemo(): Promise<string> {
  return buildOnce(join(import.meta.dirname, 'picker'), PICKER_DEMO_OUT);
}

async function buildOnce(root: string, outDir: string): Promise<string> {
  const index = join(outDir, 'index.html');
  const sources = Math.max(
    newestMtime(join(ROOT, 'src/renderer')),
    newestMtime(join(ROOT, 'src/shared')),
    newestMtime(root),
    statSync(join(ROOT, 'package-lock.json')).mtimeMs,
  );
  if (existsSync(index) && statSync(index).mtimeMs > sources) return outDir;
  await build({
    root,
    base: './',
    configFile: false,
    logLevel: 'warn',
    plugins: [vue()],
    resolve: { alias: { '@renderer': join(ROOT, 'src/renderer/src') } },
    build: { outDir, emptyOutDir: true, sourcemap: true, target: 'chrome120' },
  });
  return outDir;
}
