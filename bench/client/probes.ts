/**
 * What the benchmark reads from outside the pages: ArrayBuffer memory through the DevTools
 * protocol, and Chromium's CPU time from /proc.
 *
 * Memory: `Runtime.getHeapUsage` answers `backingStorageSize`, the bytes of ArrayBuffer backing
 * stores (and external strings) of the page's isolate — exactly what a client holds in queued
 * messages and chunks — plus `usedSize`, the JS heap. It is polled every ~20 ms during a transfer
 * after a forced GC (`HeapProfiler.collectGarbage`); the peak is reported. Bytes inside
 * Chromium's SCTP send buffer are native memory outside the isolate and are not counted (they
 * are the same for every implementation: at most the channel's bufferedAmount).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';

/** Peak memory of one page during a sampling window, bytes. */
export interface HeapPeak {
  readonly backingStorage: number;
  readonly jsHeap: number;
  readonly samples: number;
}

interface HeapUsage {
  usedSize: number;
  backingStorageSize?: number;
}

/** Polls Runtime.getHeapUsage of some pages until stopped; keeps each page's peak. */
export class HeapSampler {
  readonly #sessions: readonly CDPSession[];
  readonly #peaks: { backingStorage: number; jsHeap: number; samples: number }[];
  #running = false;
  #loop: Promise<void> = Promise.resolve();
  #error: Error | undefined;

  constructor(sessions: readonly CDPSession[]) {
    this.#sessions = sessions;
    this.#peaks = sessions.map(() => ({ backingStorage: 0, jsHeap: 0, samples: 0 }));
  }

  /** Collects garbage in every page (so the window starts clean), then starts polling. */
  async start(intervalMs = 20): Promise<void> {
    await Promise.all(this.#sessions.map((s) => s.send('HeapProfiler.collectGarbage')));
    this.#running = true;
    this.#loop = this.#poll(intervalMs);
  }

  /** Stops polling (after one last sample) and returns each page's peak. */
  async stop(): Promise<HeapPeak[]> {
    this.#running = false;
    await this.#loop;
    if (this.#error !== undefined) throw this.#error;
    return this.#peaks.map((p) => ({ ...p }));
  }

  async #sample(): Promise<void> {
    const usages = await Promise.all(
      this.#sessions.map((s) => s.send('Runtime.getHeapUsage') as Promise<HeapUsage>),
    );
    usages.forEach((usage, i) => {
      const peak = this.#peaks[i]!;
      if (usage.backingStorageSize === undefined) {
        throw new Error('this Chromium does not report backingStorageSize in Runtime.getHeapUsage');
      }
      peak.backingStorage = Math.max(peak.backingStorage, usage.backingStorageSize);
      peak.jsHeap = Math.max(peak.jsHeap, usage.usedSize);
      peak.samples += 1;
    });
  }

  async #poll(intervalMs: number): Promise<void> {
    try {
      do {
        await this.#sample();
        await new Promise((resolve) => setTimeout(resolve, intervalMs));
      } while (this.#running);
      await this.#sample();
    } catch (error) {
      this.#error = error instanceof Error ? error : new Error(String(error));
    }
  }
}

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    } catch {
      ticksPerSecond = 100;
    }
    if (!Number.isFinite(ticksPerSecond) || ticksPerSecond <= 0) ticksPerSecond = 100;
  }
  return ticksPerSecond;
}

/**
 * CPU seconds (user + system) used so far by every live descendant of this process — the
 * Chromium we launched: browser, GPU, network, audio and renderer processes. Linux only
 * (/proc); NaN elsewhere. A process that exits between two readings takes its time with it,
 * so windows are measured while the pages stay open.
 */
export function descendantCpuSeconds(root = process.pid): number {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return Number.NaN;
  }
  const parentOf = new Map<number, number>();
  const ticksOf = new Map<number, number>();
  for (const name of entries) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // Fields after the command name (which may contain spaces and parentheses).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pid = Number(name);
    parentOf.set(pid, Number(fields[1])); // field 4: ppid
    ticksOf.set(pid, Number(fields[11]) + Number(fields[12])); // fields 14, 15: utime, stime
  }
  let ticks = 0;
  for (const [pid, own] of ticksOf) {
    if (pid === root) continue;
    for (let p = parentOf.get(pid); p !== undefined && p > 1; p = parentOf.get(p)) {
      if (p === root) {
        ticks += own;
        break;
      }
    }
  }
  return ticks / clockTicks();
}
