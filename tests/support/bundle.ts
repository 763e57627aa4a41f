/**
 * Builds a TypeScript entry into one IIFE script for test pages, with vite's build() API:
 * `bundleForBrowser('src/renderer/src/peer/index.ts', 'ParleyPeer')` gives code that defines
 * `window.ParleyPeer` when loaded with a <script> tag.
 *
 * Bundles are cached in node_modules/.cache/parley-test-bundles, keyed by entry and global name,
 * and reused while every source file that went into the bundle keeps its size and mtime (so an
 * edit to an imported file, not only to the entry, rebuilds it).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, version as viteVersion, type Rolldown } from 'vite';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE_DIR = join(ROOT, 'node_modules/.cache/parley-test-bundles');
const CACHE_FORMAT = 1;

/** A cached bundle: the code and the stamp of every file it was built from. */
interface CacheEntry {
  readonly format: number;
  readonly vite: string;
  readonly inputs: Readonly<Record<string, string>>;
  readonly code: string;
}

const inFlight = new Map<string, Promise<string>>();

async function stampOf(file: string): Promise<string | undefined> {
  try {
    const info = await stat(file);
    return `${info.size}:${info.mtimeMs}`;
  } catch {
    return undefined;
  }
}

async function readCache(cacheFile: string): Promise<string | undefined> {
  let entry: CacheEntry;
  try {
    entry = JSON.parse(await readFile(cacheFile, 'utf8')) as CacheEntry;
  } catch {
    return undefined; // no cache yet, or a torn/old file: rebuild
  }
  if (entry.format !== CACHE_FORMAT || entry.vite !== viteVersion) return undefined;
  const files = Object.entries(entry.inputs);
  const stamps = await Promise.all(files.map(([file]) => stampOf(file)));
  const fresh = files.length > 0 && files.every(([, stamp], i) => stamps[i] === stamp);
  return fresh ? entry.code : undefined;
}

function outputChunk(result: Awaited<ReturnType<typeof build>>): Rolldown.OutputChunk {
  const outputs = Array.isArray(result) ? result : [result];
  for (const output of outputs) {
    if (!('output' in output)) continue;
    const chunk = output.output.find((item) => item.type === 'chunk');
    if (chunk !== undefined) return chunk;
  }
  throw new Error('vite build() produced no chunk');
}

async function buildBundle(entry: string, globalName: string): Promise<CacheEntry> {
  const result = await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    mode: 'test',
    define: { 'process.env.NODE_ENV': JSON.stringify('test') },
    resolve: { alias: { '@renderer': join(ROOT, 'src/renderer/src') } },
    build: {
      write: false,
      emptyOutDir: false,
      copyPublicDir: false,
      minify: false,
      sourcemap: 'inline',
      target: 'es2022',
      reportCompressedSize: false,
      lib: { entry, name: globalName, formats: ['iife'], fileName: () => `${globalName}.js` },
    },
  });
  const chunk = outputChunk(result);
  const files = chunk.moduleIds.filter((id) => isAbsolute(id) && !id.includes('\0'));
  const stamps = await Promise.all(files.map((file) => stampOf(file)));
  const inputs: Record<string, string> = {};
  files.forEach((file, i) => {
    const stamp = stamps[i];
    if (stamp !== undefined) inputs[file] = stamp;
  });
  return { format: CACHE_FORMAT, vite: viteVersion, inputs, code: chunk.code };
}

async function bundleUncached(entry: string, globalName: string): Promise<string> {
  const key = createHash('sha256').update(`${entry}\n${globalName}`).digest('hex').slice(0, 24);
  const cacheFile = join(CACHE_DIR, `${key}.json`);
  const cached = await readCache(cacheFile);
  if (cached !== undefined) return cached;
  const built = await buildBundle(entry, globalName);
  await mkdir(CACHE_DIR, { recursive: true });
  const temp = `${cacheFile}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(built));
  await rename(temp, cacheFile); // atomic: a concurrent reader sees the old or the new file
  return built.code;
}

/**
 * The code of `entry` (a path, relative to the repository root or absolute) bundled as an IIFE
 * that assigns its exports to `globalThis[globalName]`.
 */
export async function bundleForBrowser(entry: string, globalName: string): Promise<string> {
  if (!/^[A-Za-z_$][\w$]*$/.test(globalName)) {
    throw new Error(`bundleForBrowser: "${globalName}" is not a valid global name`);
  }
  const absolute = resolve(ROOT, entry);
  if ((await stampOf(absolute)) === undefined) {
    throw new Error(`bundleForBrowser: entry not found: ${absolute}`);
  }
  // Concurrent calls for one entry share one build; later calls re-check the disk cache.
  const key = `${absolute}\n${globalName}`;
  let pending = inFlight.get(key);
  if (pending === undefined) {
    pending = bundleUncached(absolute, globalName).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}
