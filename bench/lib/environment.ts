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
