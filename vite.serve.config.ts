import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** Builds `parley serve` (src/main/serve.ts) into out/serve/serve.mjs for plain Node. */
export default defineConfig({
  build: {
    ssr: resolve(__dirname, 'src/main/serve.ts'),
    outDir: 'out/serve',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    rollupOptions: { output: { format: 'es', entryFileNames: 'serve.mjs' } },
  },
});
