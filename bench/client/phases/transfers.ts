/**
 * Throughput and memory: 64 MiB as 64 KiB buffers (binary and raw serializations, and the raw
 * channel), one 16 MiB message; every transfer's byte count and checksum verified.
 */
import type * as PageApi from '../page/index';
import type { Lib, Serialization, TransferResult } from '../page/types';
import { HeapSampler } from '../probes';
import {
  attempt,
  closeConnection,
  connectPair,
  evaluate,
  rotate,
  usable,
  type PhaseContext,
} from './common';

declare const ClientBench: typeof PageApi;

const MiB = 1024 * 1024;

/** One transfer a → b on connection `key` with memory sampled on both pages; checked. */
async function measuredTransfer(
  ctx: PhaseContext,
  lib: Lib,
  serialization: Serialization | 'channel',
  kind: 'bulk' | 'single',
  key: string,
  memoryKeys?: { sender: string; receiver: string },
  profile = false,
): Promise<number> {
  const { bulkBytes, bulkMessageBytes, singleBytes } = ctx.config;
  const total = kind === 'bulk' ? bulkBytes : singleBytes;
  const messageBytes = kind === 'bulk' ? bulkMessageBytes : singleBytes;
  const timeoutMs = 30_000 + total / 1000; // 30 s + 1 MB/s
  const sampler = memoryKeys
    ? new HeapSampler([await ctx.session.cdp('a'), await ctx.session.cdp('b')])
    : undefined;
  await sampler?.start();
  if (profile) await ctx.profiler?.start();
  let result: TransferResult;
  try {
    result = await evaluate(ctx, 'a', ([k, m, t, s, to]) => ClientBench.transfer(k, m, t, s, to), [
      key,
      messageBytes,
      total,
      0x9e3779b9 ^ ctx.results.transfers.length,
      timeoutMs,
    ] as const);
  } finally {
    if (profile) await ctx.profiler?.stop();
    const peaks = await sampler?.stop();
    if (peaks && memoryKeys) {
      ctx.results.add(memoryKeys.sender, lib, peaks[0]!.backingStorage / MiB);
      ctx.results.add(memoryKeys.receiver, lib, peaks[1]!.backingStorage / MiB);
    }
  }
  const verified =
    result.bytes === result.sentBytes && result.receivedChecksum === result.sentChecksum;
  const mbPerSec = result.bytes / result.ms / 1000;
  ctx.results.transfers.push({
    lib,
    serialization,
    kind,
    bytes: result.bytes,
    sentBytes: result.sentBytes,
    checksum: `${result.sentChecksum.toString(16)}/${result.receivedChecksum.toString(16)}`,
    verified,
    mbPerSec,
  });
  if (!verified) {
    throw new Error(
      `data corrupted: sent ${result.sentBytes} B (checksum ${result.sentChecksum.toString(16)}), ` +
        `received ${result.bytes} B (checksum ${result.receivedChecksum.toString(16)})`,
    );
  }
  return mbPerSec;
}

/** The bulk variants: implementation, serialization, result key. */
function bulkVariants(
  libs: readonly Lib[],
): { lib: Lib; serialization: Serialization; key: string }[] {
  const variants: { lib: Lib; serialization: Serialization; key: string }[] = [];
  for (const serialization of ['binary', 'raw'] as const) {
    for (const lib of libs) {
      if (lib === 'raw' && serialization === 'raw') continue; // one raw channel serves both rows
      variants.push({ lib, serialization, key: `bulk.${serialization}` });
    }
  }
  return variants;
}

export async function bulk(ctx: PhaseContext): Promise<void> {
  const libs = usable(ctx, ['bulk.binary', 'bulk.raw', 'mem.sender.binary', 'mem.receiver.binary']);
  const connections = new Map<string, string>();
  let profiled = !ctx.config.profile;
  for (let rep = 0; rep < ctx.config.repeat; rep++) {
    for (const { lib, serialization, key } of rotate(bulkVariants(libs), rep)) {
      const rows = lib === 'raw' ? ['bulk.binary', 'bulk.raw'] : [key];
      const memory = {
        sender: `mem.sender.${lib === 'raw' ? 'binary' : serialization}`,
        receiver: `mem.receiver.${lib === 'raw' ? 'binary' : serialization}`,
      };
      const profile = !profiled && lib === 'parley';
      if (profile) profiled = true;
      const mbPerSec = await attempt(ctx, lib, rows, async () => {
        const id = `${lib}:${serialization}`;
        let connection = connections.get(id);
        if (connection === undefined) {
          connection = (await connectPair(ctx, lib, serialization)).key;
          connections.set(id, connection);
        }
        return measuredTransfer(
          ctx,
          lib,
          lib === 'raw' ? 'channel' : serialization,
          'bulk',
          connection,
          memory,
          profile,
        );
      });
      if (mbPerSec === undefined) continue;
      for (const row of rows) ctx.results.add(row, lib, mbPerSec);
      ctx.log(`  bulk ${lib} ${serialization} #${rep + 1}: ${mbPerSec.toFixed(1)} MB/s`);
    }
  }
  for (const key of connections.values()) await closeConnection(ctx, key);
}

export async function single(ctx: PhaseContext): Promise<void> {
  const libs = usable(ctx, ['single']);
  const haveRawStream = (ctx.results.get('bulk.binary', 'raw')?.values.length ?? 0) > 0;
  const connections = new Map<Lib, string>();
  for (let rep = 0; rep < ctx.config.repeat; rep++) {
    for (const lib of rotate(libs, rep)) {
      if (lib === 'raw' && haveRawStream) continue;
      const mbPerSec = await attempt(ctx, lib, ['single'], async () => {
        let connection = connections.get(lib);
        if (connection === undefined) {
          connection = (await connectPair(ctx, lib, 'binary')).key;
          connections.set(lib, connection);
        }
        // A raw channel cannot send one 16 MiB message: its row compares with the raw stream.
        return lib === 'raw'
          ? measuredTransfer(ctx, lib, 'channel', 'bulk', connection)
          : measuredTransfer(ctx, lib, 'binary', 'single', connection);
      });
      if (mbPerSec === undefined) continue;
      ctx.results.add('single', lib, mbPerSec);
      ctx.log(`  single ${lib} #${rep + 1}: ${mbPerSec.toFixed(1)} MB/s`);
    }
  }
  if (haveRawStream) {
    for (const value of ctx.results.get('bulk.binary', 'raw')?.values ?? []) {
      ctx.results.add('single', 'raw', value);
    }
  }
  for (const key of connections.values()) await closeConnection(ctx, key);
}
