import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

/**
 * Builds the renderer (src/renderer) as a plain web app into out/web, which `parley serve` hosts
 * for browser guests (the same sources electron-vite builds into out/renderer for the desktop
 * app; in a tab, main.ts picks the WebHostBridge). Relative asset URLs (`base: './'`), so the
 * app works under any server path. Hashed file names under assets/ (served as immutable).
 */
export default defineConfig({
  root: resolve(__dirname, 'src/renderer'),
  base: './',
  publicDir: false,
  plugins: [vue()],
  resolve: { alias: { '@renderer': resolve(__dirname, 'src/renderer/src') } },
  build: {
    outDir: resolve(__dirname, 'out/web'),
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
  },
});
