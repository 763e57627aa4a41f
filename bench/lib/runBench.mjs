/**
 * Builds a benchmark's TypeScript entries for plain Node (a vite SSR build, the way
 * vite.serve.config.ts builds `parley serve`) into node_modules/.cache/parley-bench/<name>-<pid>/
 * (one folder per run, removed afterwards, so runs can overlap) and runs its `main` entry in this
 * process. Every child process the benchmark forks (servers under
 * test, load generators) is another entry of the same build, so it runs the code as written, with
 * no TypeScript loader in the measured processes.
 *
 * The main entry must export `run({ root, buildDir, argv }): Promise<number>` (the exit code).
 */
import { rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

/** Repository root (bench/lib/ is two levels below it). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Builds `entries` (name → path relative to the repository root) into `outDir`; entry `x`
 * becomes `<outDir>/x.mjs`. Dependencies stay external (resolved from node_modules).
 */
export async function buildBench(outDir, entries) {
  const input = Object.fromEntries(
    Object.entries(entries).map(([key, path]) => [key, resolve(ROOT, path)]),
  );
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    publicDir: false,
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      target: 'node20',
      sourcemap: true,
      minify: false,
      rollupOptions: {
        input,
        output: {
          format: 'es',
          entryFileNames: '[name].mjs',
          chunkFileNames: 'chunks/[name]-[hash].mjs',
        },
      },
    },
  });
  return outDir;
}

/** Builds the benchmark, runs its main entry with this process's arguments, exits with its code. */
export async function runBench(name, entries, main = 'main') {
  let code = 1;
  const buildDir = resolve(ROOT, 'node_modules/.cache/parley-bench', `${name}-${process.pid}`);
  try {
    await buildBench(buildDir, entries);
    const module = await import(pathToFileURL(resolve(buildDir, `${main}.mjs`)).href);
    code = await module.run({ root: ROOT, buildDir, argv: process.argv.slice(2) });
  } catch (error) {
    console.error(`[bench:${name}]`, error);
  } finally {
    await rm(buildDir, { recursive: true, force: true });
  }
  process.exit(code);
}
