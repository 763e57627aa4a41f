/** Media: call() → first remote frame, and the 4-party mesh (time to all frames, CPU). */
import { evaluateIn, waitForPage } from '../../../tests/support';
import type * as PageApi from '../page/index';
import type { Lib } from '../page/types';
import { descendantCpuSeconds } from '../probes';
import { attempt, evaluate, rotate, usable, type PhaseContext } from './common';

declare const ClientBench: typeof PageApi;

export async function call(ctx: PhaseContext): Promise<void> {
  const libs = usable(ctx, ['call']);
  for (const name of ['a', 'b'] as const) {
    await evaluate(ctx, name, () => ClientBench.acquireMedia(), undefined);
  }
  for (let i = 0; i < ctx.config.callSamples; i++) {
    for (const lib of rotate(libs, i)) {
      const ms = await attempt(ctx, lib, ['call'], async () => {
        const from = await ctx.session.endpoint('a', lib);
        const to = await ctx.session.endpoint('b', lib);
        return evaluate(ctx, 'a', ([f, t]) => ClientBench.callOnce(f, t, 20_000), [
          from,
          to,
        ] as const);
      });
      await evaluate(
        ctx,
        'b',
        () => {
          ClientBench.closeCalls();
        },
        undefined,
      );
      if (ms !== undefined) ctx.results.add('call', lib, ms);
    }
  }
}

const MESH = ['a', 'b', 'c', 'd'] as const;

async function meshOnce(ctx: PhaseContext, lib: Lib): Promise<{ ms: number; cpu: number }> {
  const ids: string[] = [];
  for (const name of MESH) {
    ids.push(await ctx.session.endpoint(name, lib));
    await evaluate(ctx, name, () => ClientBench.acquireMedia(), undefined);
    await evaluate(
      ctx,
      name,
      () => {
        ClientBench.meshArm();
      },
      undefined,
    );
  }
  const cpuBefore = descendantCpuSeconds();
  const wallBefore = performance.now();
  await Promise.all(
    MESH.map((name, i) =>
      evaluate(
        ctx,
        name,
        ([from, to]) => {
          ClientBench.meshStart(from, to);
        },
        [ids[i]!, ids.slice(i + 1)] as const,
      ),
    ),
  );
  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  for (const [i, name] of MESH.entries()) {
    const others = ids.filter((_, j) => j !== i);
    const user = await ctx.session.user(name);
    const status = await waitForPage(
      user,
      (expected) => {
        const s = ClientBench.meshStatus();
        if (s.errors.length > 0) return s;
        return expected.every((id) => id in s.firstFrameAt) ? s : undefined;
      },
      others,
      { timeoutMs: ctx.config.quick ? 30_000 : 60_000 },
    ).catch(async () => {
      const seen = await evaluateIn(user, () => ClientBench.meshStatus(), undefined);
      const missing = others.filter((id) => !(id in seen.firstFrameAt));
      throw new Error(`page ${name} got no frame from ${missing.join(', ')}`);
    });
    if (status.errors.length > 0) throw new Error(status.errors.join('; '));
    first = Math.min(first, status.startedAt);
    last = Math.max(last, ...Object.values(status.firstFrameAt));
  }
  await new Promise((resolve) => setTimeout(resolve, ctx.config.meshSteadyMs));
  const cpu = descendantCpuSeconds() - cpuBefore;
  const wall = (performance.now() - wallBefore) / 1000;
  return { ms: last - first, cpu: (100 * cpu) / wall };
}

export async function mesh(ctx: PhaseContext): Promise<void> {
  const libs = usable(ctx, ['mesh.time', 'mesh.cpu']);
  for (let rep = 0; rep < ctx.config.repeat; rep++) {
    for (const lib of rotate(libs, rep)) {
      const result = await attempt(ctx, lib, ['mesh.time', 'mesh.cpu'], () => meshOnce(ctx, lib));
      for (const name of MESH) {
        await evaluate(
          ctx,
          name,
          () => {
            ClientBench.closeCalls();
            ClientBench.takeErrors();
          },
          undefined,
        ).catch(() => undefined);
      }
      // Let decoders and encoders of the closed calls wind down before the next mesh.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      if (result === undefined) continue;
      ctx.results.add('mesh.time', lib, result.ms);
      ctx.results.add('mesh.cpu', lib, result.cpu);
      ctx.log(
        `  mesh ${lib} #${rep + 1}: ${result.ms.toFixed(0)} ms, CPU ${result.cpu.toFixed(0)}%`,
      );
    }
  }
}
