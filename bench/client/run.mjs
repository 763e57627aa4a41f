#!/usr/bin/env node
/**
 * `npm run bench:client`: our client, peerjs 1.5.5 and raw WebRTC side by side in one Chromium
 * (see main.ts). Builds main.ts for Node with vite, the way bench/lib/runBench.mjs does, plus a
 * plugin that keeps `import.meta.url` pointing at each module's source file (tests/support
 * finds the repository and its bundle cache from it), then runs it.
 *
 *   node scripts/in-netns.mjs node bench/client/run.mjs [--quick] [--repeat=N]
 *        [--only=open,connect,rtt,bulk,single,call,mesh] [--libs=parley,peerjs,raw]
 *        [--out=file.json] [--profile]
 */
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { ROOT } from '../lib/runBench.mjs';

/** Replaces `import.meta.url` in our own sources with the URL of the source file. */
const sourceUrls = {
  name: 'parley-source-import-meta-url',
  enforce: 'pre',
  transform(code, id) {
    if (
      !id.startsWith(ROOT) ||
      id.includes('/node_modules/') ||
      !code.includes('import.meta.url')
    ) {
      return null;
    }
    return {
      code: code.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(id).href)),
      map: null,
    };
  },
};

const buildDir = resolve(ROOT, 'node_modules/.cache/parley-bench', `client-${process.pid}`);
let code = 1;
try {
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    publicDir: false,
    plugins: [sourceUrls],
    build: {
      ssr: true,
      outDir: buildDir,
      emptyOutDir: true,
      target: 'node20',
      sourcemap: true,
      minify: false,
      rollupOptions: {
        input: { main: resolve(ROOT, 'bench/client/main.ts') },
        output: {
          format: 'es',
          entryFileNames: '[name].mjs',
          chunkFileNames: 'chunks/[name]-[hash].mjs',
        },
      },
    },
  });
  const main = await import(pathToFileURL(resolve(buildDir, 'main.mjs')).href);
  code = await main.run({ root: ROOT, buildDir, argv: process.argv.slice(2) });
} catch (error) {
  console.error('[bench:client]', error);
} finally {
  await rm(buildDir, { recursive: true, force: true });
}
process.exit(code);
