/**
 * Smoke test of `npm run bench:signaling`: runs the benchmark with --quick against both servers
 * (Parley and `peer` 1.0.2) and checks that it completes, prints the comparison table, and
 * measures sane numbers. Targets are the benchmark's business, not this test's: a loaded CI
 * machine must not fail here because a ratio moved.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runBench as runBenchAt, type Outcome } from './runBench';

const RUN = resolve(ROOT, 'bench/signaling/run.mjs');
const runBench = (args: readonly string[]): Promise<Outcome> => runBenchAt(RUN, args);

type Metrics = Record<string, number>;
interface BenchJson {
  results: Record<'parley' | 'peer', Record<string, Metrics>>;
  report: { metric: string; parley: string; peer: string }[];
}

const SERVERS = ['parley', 'peer'] as const;

describe('bench:signaling --quick', () => {
  let dir: string;
  let outcome: Outcome;
  let json: BenchJson;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-bench-'));
    const out = join(dir, 'results.json');
    outcome = await runBench(['--quick', `--out=${out}`]);
    if (outcome.code !== 0) throw new Error(`bench failed (${outcome.code}):\n${outcome.stderr}`);
    json = JSON.parse(await readFile(out, 'utf8')) as BenchJson;
  }, 120_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const metrics = (server: (typeof SERVERS)[number], phase: string): Metrics => {
    const m = json.results[server][phase];
    expect(m, `${server} ${phase}`).toBeDefined();
    expect(m, `${server} ${phase} failed`).not.toHaveProperty('error');
    return m!;
  };

  it('prints one markdown table comparing both servers', () => {
    expect(outcome.stdout).toMatch(
      /\| metric +\| Parley +\| peer 1\.0\.2 +\| ratio \(Parley\/peer\) +\| target +\| pass\? \|/,
    );
    for (const row of json.report) {
      expect(outcome.stdout).toContain(row.metric);
      expect(row.parley).not.toBe('error');
      expect(row.peer).not.toBe('error');
    }
    expect(json.report.length).toBeGreaterThanOrEqual(12);
  });

  it.each(SERVERS)('%s: registers every peer and holds them', (server) => {
    const connect = metrics(server, 'connect');
    expect(connect.opened).toBe(connect.peers);
    expect(connect.failed).toBe(0);
    const capacity = metrics(server, 'capacity');
    expect(capacity.opened).toBe(capacity.target);
    expect(capacity.stillOpen).toBe(capacity.target);
  });

  it.each(SERVERS)('%s: measures memory and CPU per peer in a sane range', (server) => {
    const connect = metrics(server, 'connect');
    expect(connect.heapPerPeerKiB).toBeGreaterThan(0);
    expect(Number.isFinite(connect.rssPerPeerKiB)).toBe(true);
    expect(connect.rssPerPeerKiB).toBeLessThan(1024);
    expect(connect.cpuPerConnectMs).toBeGreaterThan(0);
    expect(connect.cpuPerConnectMs).toBeLessThan(100);
  });

  it.each(SERVERS)('%s: relays every frame, src stamped, and costs some CPU', (server) => {
    const relay = metrics(server, 'relay');
    expect(relay.received).toBeGreaterThan(100);
    expect(relay.lost).toBe(0);
    expect(relay.checked).toBeGreaterThan(0);
    expect(relay.badFrames).toBe(0);
    expect(relay.cpuPerMsgUs).toBeGreaterThan(0);
    expect(relay.cpuPerMsgUs).toBeLessThan(10_000);
  });

  it.each(SERVERS)('%s: measures one-way latency with nothing lost', (server) => {
    const latency = metrics(server, 'latency');
    expect(latency.received).toBe(latency.sent);
    expect(latency.lost).toBe(0);
    expect(latency.badFrames).toBe(0);
    expect(latency.p50Ms).toBeGreaterThan(0);
    expect(latency.p99Ms).toBeGreaterThanOrEqual(latency.p50Ms!);
  });

  it.each(SERVERS)('%s: answers GET /peerjs/id', (server) => {
    const http = metrics(server, 'http');
    expect(http.ok).toBeGreaterThan(0);
    expect(http.failed).toBe(0);
    expect(http.reqPerSec).toBeGreaterThan(0);
  });

  it('rejects an unknown flag with the usage and exit code 2', async () => {
    const bad = await runBench(['--only=nonsense']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--only');
    expect(bad.stderr).toContain('usage:');
  }, 60_000);
});
