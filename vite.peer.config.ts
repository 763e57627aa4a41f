import { defineConfig } from 'vite';
import { resolve } from 'node:path';

/**
 * `npm run build:peer`: the Parley peer client as a standalone library in dist/peer —
 * parley-peer.mjs (ES module), parley-peer.iife.js (defines the global `ParleyPeer`) and
 * parley-peer.d.ts (declarations, emitted by `tsc -p tsconfig.peer.json` into dist/peer/types).
 */
export default defineConfig({
  build: {
    outDir: resolve(__dirname, 'dist/peer'),
    emptyOutDir: true,
    copyPublicDir: false,
    target: 'es2022',
    sourcemap: true,
    minify: false,
    lib: {
      entry: resolve(__dirname, 'src/renderer/src/peer/index.ts'),
      name: 'ParleyPeer',
      formats: ['es', 'iife'],
      fileName: (format) => (format === 'es' ? 'parley-peer.mjs' : 'parley-peer.iife.js'),
    },
    rollupOptions: {
      plugins: [
        {
          name: 'parley-peer-dts-entry',
          generateBundle() {
            this.emitFile({
              type: 'asset',
              fileName: 'parley-peer.d.ts',
              source: "export * from './types/renderer/src/peer/index';\n",
            });
          },
        },
      ],
    },
  },
});
