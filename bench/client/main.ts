/**
 * Orchestrator of `npm run bench:client` (built for Node and started by run.mjs): our client,
 * peerjs 1.5.5 and raw RTCPeerConnection/RTCDataChannel side by side in one Chromium against our
 * signaling server; prints one markdown table with ratios and the targets of issue 3, and writes
 * the results as JSON (bench/results/client-<date>.json unless --out says otherwise).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import type { SourceMap } from 'node:module';
import { netnsSkipReason } from '../../tests/support';
import { parseOrUsage } from '../lib/cliArgs';
import { describeEnvironment } from '../lib/environment';
import { BenchSession } from './BenchSession';
import { parseConfig, USAGE } from './config';
import { PHASES, type PhaseContext } from './phases';
import { hotSpots, inlineSourceMap, PageProfiler } from './profile';
import { buildReport, renderReport } from './report';
import { Results } from './Results';

/** Passed by run.mjs. */
export interface BenchContext {
  readonly root: string;
  readonly buildDir: string;
  readonly argv: readonly string[];
}

const log = (line: string): void => {
  process.stderr.write(`[bench:client] ${line}\n`);
};

function printProfiles(profiler: PageProfiler, session: BenchSession): void {
  const maps = new Map<string, SourceMap>();
  const page = inlineSourceMap(session.pageBundle);
  if (page) maps.set('/bench.js', page);
  const parley = session.parleyBundle ? inlineSourceMap(session.parleyBundle) : undefined;
  if (parley) maps.set('/parley.js', parley);
  for (const { page: name, profile } of profiler.profiles) {
    log(`CPU profile of page ${name} during Parley's first bulk transfer (self time):`);
    for (const spot of hotSpots(profile, maps, session.root)) {
      log(
        `  ${spot.percent.toFixed(1).padStart(5)}%  ${spot.selfMs.toFixed(0).padStart(6)} ms  ${spot.name}`,
      );
    }
  }
}

/** Runs the benchmark; resolves with the process exit code. */
export async function run(context: BenchContext): Promise<number> {
  const config = parseOrUsage(parseConfig, context.argv, USAGE);
  if (config === undefined) return 2;
  const netns = netnsSkipReason();
  if (netns !== undefined) {
    log(`warning: ${netns}; Chromium may use non-loopback ICE candidates.`);
  }
  const started = performance.now();
  const results = new Results();
  const session = await BenchSession.start(context.root, log);
  const browserVersion = session.browser.version();
  let profiler: PageProfiler | undefined;
  try {
    if (config.profile) {
      profiler = new PageProfiler([
        { page: 'a (sender)', cdp: await session.cdp('a') },
        { page: 'b (receiver)', cdp: await session.cdp('b') },
      ]);
    }
    const ctx: PhaseContext = { session, config, results, log, profiler };
    for (const metric of config.metrics) {
      const t0 = performance.now();
      log(`${metric}…`);
      await PHASES[metric](ctx);
      log(`${metric} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    for (const name of ['a', 'b', 'c', 'd'] as const) {
      for (const error of await session.pageErrors(name).catch(() => [])) {
        log(`page ${name}: ${error}`);
      }
    }
  } finally {
    if (profiler) printProfiles(profiler, session);
    await session.close();
  }

  const rows = buildReport(results, config);
  const verified = results.transfers.filter((t) => t.verified).length;
  const environment = describeEnvironment();
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `\n## bench:client — Parley vs peerjs 1.5.5 vs raw WebRTC (${browserVersion}, ` +
      `${environment.cores} cores, load ${environment.loadAverage.toFixed(1)}, ` +
      `${config.quick ? 'quick, ' : ''}repeat ${config.repeat})\n`,
  );
  console.log(renderReport(rows));
  for (const [lib, reason] of session.unusable) console.log(`\n${lib} could not run: ${reason}`);
  console.log(
    `\ntransfers: ${verified}/${results.transfers.length} verified (byte count and FNV-1a ` +
      `checksum of the receiver equal the sender's). MB/s = 10^6 bytes/s, first send → ` +
      `receiver's acknowledgement. Memory: peak Runtime.getHeapUsage backingStorageSize ` +
      `(ArrayBuffer backing stores) of the page, sampled every 20 ms after a GC; the sender ` +
      `holds its ${config.bulkBytes / 2 ** 20} MiB of source data. CPU: user+system time of ` +
      `every Chromium process (/proc) over the mesh window. ${seconds.toFixed(0)} s.`,
  );

  const out =
    config.out ??
    resolve(
      context.root,
      'bench/results',
      `client-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
    );
  await mkdir(dirname(out), { recursive: true });
  await writeFile(
    out,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        browser: browserVersion,
        environment,
        config,
        report: rows,
        results: results.cells,
        transfers: results.transfers,
        seconds,
      },
      null,
      2,
    )}\n`,
  );
  log(`results written to ${relative(process.cwd(), out)}`);
  const broken = results.transfers.length - verified;
  return broken > 0 ? 1 : 0;
}
