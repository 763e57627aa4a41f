/**
 * Smoke test of `npm run bench:meeting`: runs the benchmark with --quick --max=3 (Parley's web
 * app from the built `parley serve` and the peerjs 1.5.5 demo, meetings of 2 and 3, one Chromium)
 * and checks that it completes, prints the comparison table, and measures sane numbers for both.
 * Targets are the benchmark's business, not this test's (a loaded machine moves them).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireNetns } from '../../support';
import { requireBuild } from '../serve/spawnServe';
import { ROOT, runBench } from './runBench';

const RUN = resolve(ROOT, 'bench/meeting/run.mjs');

interface BenchJson {
  rows: {
    participants: number;
    joinMs: Record<'parley' | 'peerjs', number>;
    cpuPercent: Record<'parley' | 'peerjs', number>;
  }[];
  errors: string[];
}

describe.runIf(requireNetns('bench:meeting smoke test'))('bench:meeting --quick', () => {
  let dir: string;
  let stdout = '';
  let stderr = '';
  let json: BenchJson;

  beforeAll(async () => {
    requireBuild();
    dir = await mkdtemp(join(tmpdir(), 'parley-meeting-bench-'));
    const out = join(dir, 'results.json');
    let code: number | null;
    ({ code, stdout, stderr } = await runBench(RUN, ['--quick', '--max=3', `--out=${out}`]));
    if (code !== 0) throw new Error(`bench failed (${String(code)}):\n${stderr}\n${stdout}`);
    json = JSON.parse(await readFile(out, 'utf8')) as BenchJson;
  }, 170_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints one markdown table with a row per meeting size', () => {
    expect(stdout).toMatch(
      /\| participants +\| Parley join→all frames, ms +\| peerjs, ms +\| Parley\/peerjs +\|/,
    );
    expect(json.rows.map((r) => r.participants)).toEqual([2, 3]);
    expect(json.errors).toEqual([]);
  });

  it.each(['parley', 'peerjs'] as const)('%s: sane join times and CPU', (lib) => {
    for (const row of json.rows) {
      expect(row.joinMs[lib], `${lib} ${row.participants}p join`).toBeGreaterThan(5);
      expect(row.joinMs[lib]).toBeLessThan(30_000);
      expect(row.cpuPercent[lib], `${lib} ${row.participants}p CPU`).toBeGreaterThan(1);
      expect(row.cpuPercent[lib]).toBeLessThan(800);
    }
  });
});
