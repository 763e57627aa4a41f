import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

/** The machine a benchmark ran on: results mean little without it (the machine may be shared). */
export interface Environment {
  readonly node: string;
  readonly platform: string;
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  /** Soft limit of open files per process, or null when unknown. */
  readonly maxOpenFiles: number | null;
  /** 1-minute load average when sampled. */
  readonly loadAverage: number;
}

function maxOpenFiles(): number | null {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    return soft !== undefined && /^\d+$/.test(soft) ? Number(soft) : null;
  } catch {
    return null;
  }
}

export function describeEnvironment(): Environment {
  const list = cpus();
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpuModel: list[0]?.model ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    maxOpenFiles: maxOpenFiles(),
    loadAverage: loadavg()[0] ?? 0,
  };
}

/** CPUs for a latency measurement: the server on one, its load generator on another. */
export interface CpuPinning {
  readonly server: number;
  readonly generator: number;
  /**
   * Niceness both run at, when this user may raise priority (root), else undefined: on a
   * machine shared with other work it keeps their wake-ups from queueing behind it.
   */
  readonly nice: number | undefined;
}

/** Niceness of the latency processes when the user may raise priority. */
const LATENCY_NICE = -10;

/**
 * Where to pin a latency measurement's processes, or undefined when it cannot be done (not
 * Linux, fewer than 2 CPUs, no `taskset`).
 */
export function latencyPinning(): CpuPinning | undefined {
  if (process.platform !== 'linux' || cpus().length < 2) return undefined;
  const probe = spawnSync('taskset', ['--cpu-list', '0', 'true'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) return undefined;
  const nice = spawnSync('nice', ['-n', String(LATENCY_NICE), 'nice'], { encoding: 'utf8' });
  const niceOk = !nice.error && nice.stdout.trim() === String(LATENCY_NICE);
  return { server: 1, generator: 0, nice: niceOk ? LATENCY_NICE : undefined };
}
