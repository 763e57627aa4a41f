#!/usr/bin/env node
// `parley serve`: the signaling server and LAN discovery without Electron.
// The TypeScript sources are built into out/serve by `npm run build:serve`.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const entry = fileURLToPath(new URL('../out/serve/serve.mjs', import.meta.url));
if (!existsSync(entry)) {
  console.error('parley: out/serve/serve.mjs is missing; run `npm run build:serve` first.');
  process.exit(1);
}
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv.slice(2));
