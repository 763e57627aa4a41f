/**
 * Orchestrator of the signaling benchmark (built and started by run.mjs). For every phase and
 * server it starts a fresh server child, drives the load from the generator children, and at
 * the end prints one markdown table comparing Parley with `peer` 1.0.2 and writes the results
 * as JSON (bench/results/signaling-<date>.json unless --out says otherwise).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { parseOrUsage } from '../lib/cliArgs';
import { hottestFunctions } from '../lib/cpuProfile';
import { describeEnvironment, latencyPinning, type CpuPinning } from '../lib/environment';
import { formatNumber } from '../lib/table';
import { parseConfig, USAGE, type BenchConfig, type Phase, type ServerName } from './config';
import { GeneratorPool } from './GeneratorPool';
import { runPhase } from './phases';
import { buildReport, renderReport } from './report';
import type { ServerResults } from './results';
import { medianRound, ROUND_KEYS, roundsOf, roundValues } from './rounds';
import { SERVER_LABELS, ServerProcess } from './servers/ServerProcess';
import { PEER_REFERENCE } from './targets';

/** Passed by run.mjs. */
export interface BenchContext {
  /** Repository root. */
  readonly root: string;
  /** Folder of the built entries (generator.mjs, parleyServer.mjs, peerServer.mjs). */
  readonly buildDir: string;
  readonly argv: readonly string[];
}

const log = (line: string): void => {
  process.stderr.write(`[bench] ${line}\n`);
};

/** One line saying what a phase measured, for the progress log. */
function summaryLine(result: NonNullable<ServerResults[Phase]>): string {
  if ('error' in result) return `error: ${result.error}`;
  const entries = Object.entries(result).filter(([, v]) => typeof v === 'number');
  return entries.map(([k, v]) => `${k}=${formatNumber(v as number)}`).join(' ');
}

async function runOne(
  phase: Phase,
  name: ServerName,
  context: BenchContext,
  config: BenchConfig,
  generators: GeneratorPool,
  pinning: CpuPinning | undefined,
): Promise<NonNullable<ServerResults[Phase]>> {
  const profileDir = config.profile ? resolve(context.root, 'bench/results/profiles') : undefined;
  if (profileDir) await mkdir(profileDir, { recursive: true });
  const server = await ServerProcess.start(name, {
    buildDir: context.buildDir,
    profileDir,
    tag: phase,
    cpu: pinning?.server,
    nice: pinning?.nice,
  });
  let result: NonNullable<ServerResults[Phase]>;
  try {
    result = await runPhase(phase, { server, generators, config });
  } catch (error) {
    result = { error: error instanceof Error ? error.message : String(error) };
  } finally {
    await server.stop(); // first: see ClientPool.closeAll
    await generators.closeAll().catch(() => undefined);
  }
  if (server.profilePath) {
    const hot = await hottestFunctions(server.profilePath, context.root).catch(() => []);
    log(
      `${server.label} ${phase}: hottest functions (${relative(context.root, server.profilePath)})`,
    );
    for (const f of hot)
      log(
        `  ${f.percent.toFixed(1).padStart(5)}%  ${f.selfMs.toFixed(0).padStart(6)} ms  ${f.name}`,
      );
  }
  return result;
}

/** How the latency phase ran, for the notes under the table. */
function latencyNote(config: BenchConfig, pinning: CpuPinning | undefined): string {
  const { pairs, ratePerSec } = config.latency;
  const load = `${formatNumber(ratePerSec, 0)} msg/s paced over ${pairs} pairs`;
  return pinning
    ? `latency: ${load}, server pinned to CPU ${pinning.server} and one load generator to CPU ${pinning.generator} (taskset)` +
        (pinning.nice === undefined
          ? '; other processes on the machine still share both.'
          : `, both at nice ${pinning.nice} so other work on the machine does not delay their wake-ups.`)
    : `latency: ${load}, server and ${config.generators} load generators unpinned (no taskset or < 2 CPUs).`;
}

/** Runs the benchmark; resolves with the process exit code. */
export async function run(context: BenchContext): Promise<number> {
  const config = parseOrUsage(parseConfig, context.argv, USAGE);
  if (config === undefined) return 2;
  const startedAt = new Date();
  const environmentBefore = describeEnvironment();
  log(
    `${config.quick ? 'quick' : 'full'} run: ${config.phases.join(', ')} on ${config.servers.join(', ')}; ` +
      `${environmentBefore.cores} cores, load ${environmentBefore.loadAverage.toFixed(2)}`,
  );
  const results: Partial<Record<ServerName, ServerResults>> = {};
  const rounds: Partial<Record<ServerName, Partial<Record<Phase, (number | 'error')[]>>>> = {};
  const generators = await GeneratorPool.start(context.buildDir, config.generators);
  // The latency phase runs with the server on one core and a single load generator on the
  // other, so neither waits for the other's CPU time (see latencyNote).
  const pinning = latencyPinning();
  let latencyPool: GeneratorPool | undefined;
  try {
    for (const phase of config.phases) {
      const all = new Map<ServerName, NonNullable<ServerResults[Phase]>[]>();
      const count = roundsOf(phase, config.rounds);
      const pinned = phase === 'latency' ? pinning : undefined;
      if (pinned) {
        latencyPool ??= await GeneratorPool.start(
          context.buildDir,
          1,
          pinned.generator,
          pinned.nice,
        );
      }
      const pool = pinned && latencyPool ? latencyPool : generators;
      for (let round = 1; round <= count; round++) {
        for (const name of config.servers) {
          const result = await runOne(phase, name, context, config, pool, pinned);
          all.set(name, [...(all.get(name) ?? []), result]);
          const of = count > 1 ? ` (round ${round}/${count})` : '';
          log(`${name} ${phase}${of}: ${summaryLine(result)}`);
        }
      }
      for (const [name, list] of all) {
        (results[name] ??= {})[phase] = medianRound(phase, list) as never;
        if (count > 1) (rounds[name] ??= {})[phase] = roundValues(phase, list);
      }
    }
  } finally {
    await generators.stop();
    await latencyPool?.stop();
  }

  const report = buildReport(config, results);
  const environmentAfter = describeEnvironment();
  console.log(`\n## Signaling benchmark${config.quick ? ' (--quick)' : ''}\n`);
  console.log(renderReport(report));
  console.log(
    `\n${environmentAfter.cpuModel}, ${environmentAfter.cores} cores, Node ${environmentAfter.node}; ` +
      `load average ${environmentBefore.loadAverage.toFixed(2)} → ${environmentAfter.loadAverage.toFixed(2)}.`,
  );
  if (config.phases.includes('latency')) console.log(latencyNote(config, pinning));
  for (const phase of config.phases) {
    const key = ROUND_KEYS[phase];
    if (!key || roundsOf(phase, config.rounds) < 2) continue;
    const values = config.servers.map((name) => {
      const list = (rounds[name]?.[phase] ?? []).map((v) => (v === 'error' ? v : formatNumber(v)));
      return `${SERVER_LABELS[name]} ${list.join(', ')}`;
    });
    console.log(
      `${phase}: median of ${config.rounds} interleaved rounds by ${key.label}: ${values.join('; ')}.`,
    );
  }
  if (!config.servers.includes('peer')) console.log(PEER_REFERENCE);

  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const out = resolve(context.root, config.out ?? `bench/results/signaling-${stamp}.json`);
  await mkdir(dirname(out), { recursive: true });
  const json = {
    startedAt: startedAt.toISOString(),
    config,
    environment: { ...environmentAfter, loadAverageBefore: environmentBefore.loadAverage },
    results,
    rounds,
    report,
  };
  await writeFile(out, JSON.stringify(json, null, 2) + '\n');
  console.log(`Results: ${relative(context.root, out)}`);
  return 0;
}
