/**
 * Smoke test of `npm run bench:client`: runs the benchmark with --quick (our client, peerjs
 * 1.5.5 and raw WebRTC in one Chromium) and checks that it completes, prints the comparison
 * table, verifies every transfer's bytes and checksum, and measures sane numbers for every
 * implementation. Targets are the benchmark's business, not this test's: a loaded machine must
 * not fail here because a ratio moved.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireNetns } from '../../support';
import { ROOT, runBench as runBenchAt, type Outcome } from './runBench';

const RUN = resolve(ROOT, 'bench/client/run.mjs');
const runBench = (args: readonly string[]): Promise<Outcome> => runBenchAt(RUN, args);

type Lib = 'parley' | 'peerjs' | 'raw';

interface BenchJson {
  report: {
    metric: string;
    key: string;
    parley: string;
    peerjs: string;
    raw: string;
    medians: Record<Lib, number | null>;
  }[];
  transfers: {
    lib: Lib;
    kind: string;
    bytes: number;
    sentBytes: number;
    verified: boolean;
    mbPerSec: number;
  }[];
}

/** Plausible ranges per metric key prefix (units as the table prints them). */
const SANE: readonly [prefix: string, min: number, max: number][] = [
  ['open', 0.1, 10_000],
  ['connect', 1, 20_000],
  ['rtt.', 0.01, 5_000],
  ['bulk.', 0.05, 10_000],
  ['single', 0.05, 10_000],
  ['mem.', 0.5, 1_024],
  ['call', 5, 20_000],
  ['mesh.time', 5, 60_000],
  ['mesh.cpu', 1, 800],
];

describe.runIf(requireNetns('bench:client smoke test'))('bench:client --quick', () => {
  let dir: string;
  let outcome: Outcome;
  let json: BenchJson;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-client-bench-'));
    const out = join(dir, 'results.json');
    outcome = await runBench(['--quick', `--out=${out}`]);
    if (outcome.code !== 0) throw new Error(`bench failed (${outcome.code}):\n${outcome.stderr}`);
    json = JSON.parse(await readFile(out, 'utf8')) as BenchJson;
  }, 170_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints one markdown table with every metric', () => {
    expect(outcome.stdout).toMatch(
      /\| metric +\| Parley +\| peerjs +\| raw +\| Parley\/peerjs +\| Parley\/raw +\| target +\| pass\? \|/,
    );
    const keys = json.report.map((row) => row.key);
    for (const key of [
      'open',
      'connect',
      'rtt.binary.p99',
      'rtt.json.p50',
      'bulk.binary',
      'bulk.raw',
      'single',
      'mem.sender.binary',
      'call',
      'mesh.time',
      'mesh.cpu',
    ]) {
      expect(keys).toContain(key);
    }
    for (const row of json.report) expect(outcome.stdout).toContain(row.metric);
  });

  it('verifies the bytes and checksum of every transfer of every implementation', () => {
    for (const lib of ['parley', 'peerjs', 'raw'] as const) {
      const mine = json.transfers.filter((t) => t.lib === lib);
      expect(mine.length, lib).toBeGreaterThanOrEqual(1);
      for (const t of mine) {
        expect(t.verified, `${lib} ${t.kind}`).toBe(true);
        expect(t.bytes).toBe(t.sentBytes);
        expect(t.mbPerSec).toBeGreaterThan(0);
      }
    }
    expect(outcome.stdout).toMatch(/transfers: (\d+)\/\1 verified/);
  });

  it.each(['parley', 'peerjs', 'raw'] as const)(
    '%s: every metric it supports has a sane value',
    (lib) => {
      for (const row of json.report) {
        const value = row.medians[lib];
        // peerjs.min.js has no MsgPack; the raw column of the raw-serialization memory rows is
        // shared with the binary rows.
        const unsupported =
          (lib === 'peerjs' && row.key.startsWith('rtt.MsgPack')) ||
          (lib === 'raw' && /^mem\.\w+\.raw$/.test(row.key));
        if (unsupported) continue;
        expect(row[lib], `${lib} ${row.key}`).not.toMatch(/n\/a|error/);
        const range = SANE.find(([prefix]) => row.key.startsWith(prefix));
        expect(range, row.key).toBeDefined();
        expect(value, `${lib} ${row.key}`).toBeGreaterThanOrEqual(range![1]);
        expect(value, `${lib} ${row.key}`).toBeLessThanOrEqual(range![2]);
      }
    },
  );
});
