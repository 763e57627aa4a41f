/**
 * --profile: V8 CPU profiles of both pages (DevTools `Profiler` domain) during our client's first
 * bulk transfer, summarized as the functions with the most self time, mapped back to their
 * TypeScript sources through the bundles' inline source maps.
 */
import { SourceMap, type SourceMapPayload } from 'node:module';
import type { CDPSession } from 'playwright-core';
import { rankBySelfTime, type CpuProfile, type HotFunction } from '../lib/cpuProfile';

/** A function's share of a page's sampled time. */
export type HotSpot = HotFunction;

/** The source map inlined in a bundle (`//# sourceMappingURL=data:…;base64,…`), if any. */
export function inlineSourceMap(code: string): SourceMap | undefined {
  const match =
    /\/\/# sourceMappingURL=data:application\/json[^,]*;base64,([A-Za-z0-9+/=]+)\s*$/.exec(code);
  if (!match) return undefined;
  const payload = JSON.parse(Buffer.from(match[1]!, 'base64').toString('utf8')) as SourceMapPayload;
  return new SourceMap(payload);
}

/** Profiles the given pages between start() and stop(). */
export class PageProfiler {
  readonly profiles: { page: string; profile: CpuProfile }[] = [];

  constructor(private readonly sessions: readonly { page: string; cdp: CDPSession }[]) {}

  async start(): Promise<void> {
    for (const { cdp } of this.sessions) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
  }

  async stop(): Promise<void> {
    for (const { page, cdp } of this.sessions) {
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
      await cdp.send('Profiler.disable');
      this.profiles.push({ page, profile });
    }
  }
}

/**
 * The hottest functions of a profile by self time ('(idle)' and '(program)' kept: they say how
 * busy the page was). `maps` maps a script URL suffix (e.g. '/parley.js') to its source map.
 */
export function hotSpots(
  profile: CpuProfile,
  maps: ReadonlyMap<string, SourceMap>,
  root: string,
  top = 12,
): HotSpot[] {
  const nameOf = new Map<number, string>();
  for (const { id, callFrame } of profile.nodes) {
    let where = '';
    const suffix = [...maps.keys()].find((s) => callFrame.url.endsWith(s));
    const map = suffix === undefined ? undefined : maps.get(suffix);
    if (map) {
      const entry = map.findEntry(callFrame.lineNumber, callFrame.columnNumber);
      if ('originalSource' in entry) {
        const source = entry.originalSource.replace(/^file:\/\//, '').replace(`${root}/`, '');
        where = ` ${source}:${entry.originalLine + 1}`;
      }
    } else if (callFrame.url) {
      where = ` ${callFrame.url.replace(/^https?:\/\/[^/]+/, '')}:${callFrame.lineNumber + 1}`;
    }
    nameOf.set(id, `${callFrame.functionName || '(anonymous)'}${where}`);
  }
  return rankBySelfTime(profile, nameOf, top);
}
