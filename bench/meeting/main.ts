/**
 * Orchestrator of `npm run bench:meeting` (built for Node and started by run.mjs): meetings of
 * 2, 3 and 4 participants in one Chromium, Parley's web app from the real `parley serve` next to
 * a minimal peerjs 1.5.5 mesh demo on the same server (see trials.ts); prints one markdown table
 * with ratios and targets and writes the samples as JSON (bench/results/meeting-<date>.json
 * unless --out says otherwise).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchChromium, netnsSkipReason, pageHtml, startStaticServer } from '../../tests/support';
import { parseOrUsage } from '../lib/cliArgs';
import { describeEnvironment } from '../lib/environment';
import { BenchError } from '../lib/errors';
import { buildRows, renderRows } from './report';
import { ServeChild } from './ServeChild';
import { parleyTrial, peerjsTrial, type Impl, type JoinSample } from './trials';

export interface BenchContext {
  readonly root: string;
  readonly buildDir: string;
  readonly argv: readonly string[];
}

const USAGE =
  'usage: node bench/meeting/run.mjs [--quick] [--repeat=N] [--max=4] [--libs=parley,peerjs] [--out=file.json]';

const log = (line: string): void => {
  process.stderr.write(`[bench:meeting] ${line}\n`);
};

interface Config {
  quick: boolean;
  repeat: number;
  max: number;
  libs: Impl[];
  out: string | undefined;
}

function parseConfig(argv: readonly string[]): Config {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        quick: { type: 'boolean' },
        repeat: { type: 'string' },
        max: { type: 'string' },
        libs: { type: 'string' },
        out: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new BenchError('bad-flag', error instanceof Error ? error.message : String(error));
  }
  const quick = values.quick === true;
  const repeat = Number(values.repeat ?? (quick ? 1 : 3));
  const max = Number(values.max ?? 4);
  const libs = (values.libs ?? 'parley,peerjs').split(',');
  if (!Number.isInteger(repeat) || repeat < 1)
    throw new BenchError('bad-flag', '--repeat must be ≥ 1');
  if (!Number.isInteger(max) || max < 2 || max > 6)
    throw new BenchError('bad-flag', '--max must be 2…6');
  const isImpl = (l: string): l is Impl => l === 'parley' || l === 'peerjs';
  if (!libs.every(isImpl)) throw new BenchError('bad-flag', '--libs takes parley and/or peerjs');
  return { quick, repeat, max, libs: libs.filter(isImpl), out: values.out };
}

export async function run(context: BenchContext): Promise<number> {
  const config = parseOrUsage(parseConfig, context.argv, USAGE);
  if (config === undefined) return 2;
  const netns = netnsSkipReason();
  if (netns !== undefined) log(`warning: ${netns}; Chromium may use non-loopback ICE candidates.`);
  const serve = await ServeChild.start(context.root);
  const demo = await startStaticServer({
    '/peerjs.min.js': { file: join(context.root, 'node_modules/peerjs/dist/peerjs.min.js') },
    '/demo.js': { file: join(context.root, 'bench/meeting/page/peerjsDemo.js') },
    '/index.html': pageHtml(
      'peerjs mesh demo',
      ['/peerjs.min.js', '/demo.js'],
      '<div id="videos"></div>',
    ),
  });
  let browser: Browser | undefined;
  const seen = { chromium: 'unknown' };
  const samples: Record<Impl, JoinSample[]> = { parley: [], peerjs: [] };
  const errors: string[] = [];
  try {
    browser = await launchChromium();
    seen.chromium = browser.version();
    const options = {
      browser,
      maxParticipants: config.max,
      steadyMs: config.quick ? 1500 : 3000,
      timeoutMs: 30_000,
      appUrl: serve.url,
      demoUrl: demo.url('/index.html'),
      server: { host: '127.0.0.1', port: serve.port, path: '/', key: 'peerjs' },
    };
    for (let rep = 0; rep < config.repeat; rep++) {
      const order = rep % 2 === 0 ? config.libs : [...config.libs].reverse();
      for (const impl of order) {
        try {
          const trial = impl === 'parley' ? parleyTrial : peerjsTrial;
          const got = await trial({ ...options, run: rep });
          samples[impl].push(...got);
          log(
            `${impl} #${rep + 1}: ${got.map((s) => `${s.participants}p ${s.joinMs.toFixed(0)} ms ${s.cpuPercent.toFixed(0)}%`).join(', ')}`,
          );
        } catch (error) {
          const message = `${impl} #${rep + 1}: ${error instanceof Error ? error.message : String(error)}`;
          errors.push(message);
          log(`error: ${message}`);
        }
        await new Promise((r) => setTimeout(r, 1000)); // let the closed pages wind down
      }
    }
  } finally {
    await browser?.close().catch(() => undefined);
    await demo.close();
    await serve.stop();
  }
  const sizes = Array.from({ length: config.max - 1 }, (_, i) => i + 2);
  const rows = buildRows(samples, sizes);
  const environment = { ...describeEnvironment(), chromium: seen.chromium };
  console.log(
    `\n## bench:meeting — join to all remote video, and CPU (${config.repeat} run(s), median)\n`,
  );
  console.log(renderRows(rows));
  console.log(
    `\nChromium ${environment.chromium}, ${environment.cores} cores, load average ${environment.loadAverage.toFixed(1)} (a shared machine skews both columns alike).`,
  );
  console.log(
    '\nJoin: the newest participant presses Join (Parley: the lobby; peerjs: new Peer + call everyone) → every participant has a first frame from every other. CPU: the whole Chromium over a steady window with everyone in, % of one core.',
  );
  if (errors.length > 0) console.log(`\nerrors:\n${errors.map((e) => `- ${e}`).join('\n')}`);
  const out = resolve(
    context.root,
    config.out ?? `bench/results/meeting-${new Date().toISOString().slice(0, 10)}.json`,
  );
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, JSON.stringify({ environment, config, rows, samples, errors }, null, 2));
  log(`results: ${relative(context.root, out)}`);
  const complete = config.libs.every((l) => samples[l].length > 0);
  return complete ? 0 : 1;
}
