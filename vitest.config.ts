import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
import { resolve } from 'node:path';

/**
 * Test projects:
 * - node: pure TypeScript and Node services (src/shared, src/main), beside the code.
 * - dom: renderer code that needs a DOM but no real browser (happy-dom).
 * - integration: real servers on free ports, real ws clients, real Chromium (tests/integration).
 * - electron: the desktop app: packaging checks and Playwright `_electron` specs (tests/e2e);
 *   the specs skip, saying why, when the Electron binary is not installed.
 */
export default defineConfig({
  resolve: { alias: { '@renderer': resolve(__dirname, 'src/renderer/src') } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/shared/**/*.test.ts', 'src/main/**/*.test.ts', 'src/preload/**/*.test.ts'],
        },
      },
      {
        extends: true,
        plugins: [vue()],
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['src/renderer/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          environment: 'node',
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'electron',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
