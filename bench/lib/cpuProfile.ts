import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The parts of a V8 .cpuprofile this summary reads. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time of one function in a profile. */
export interface HotFunction {
  /** e.g. 'writev' or 'handle src/main/signaling/handlers/relay.ts:42'. */
  readonly name: string;
  readonly selfMs: number;
  /** Share of all sampled time, % (idle included). */
  readonly percent: number;
}

/** Maps built-file positions back to sources through `<file>.map`, when there is one. */
class SourceLocator {
  private readonly maps = new Map<string, SourceMap | null>();

  constructor(private readonly root: string) {}

  locate(url: string, line: number, column: number): string {
    if (!url) return '';
    const file = url.startsWith('file://') ? fileURLToPath(url) : url;
    const map = this.mapOf(file);
    const entry = map?.findEntry(line, column);
    if (entry && 'originalSource' in entry) {
      const source = entry.originalSource.startsWith('file://')
        ? fileURLToPath(entry.originalSource)
        : resolve(dirname(file), entry.originalSource);
      return `${relative(this.root, source)}:${entry.originalLine + 1}`;
    }
    return `${file.startsWith('/') ? relative(this.root, file) : file}:${line + 1}`;
  }

  private mapOf(file: string): SourceMap | null {
    let map = this.maps.get(file);
    if (map === undefined) {
      map = null;
      if (file.startsWith('/') && existsSync(`${file}.map`)) {
        try {
          map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')) as SourceMapPayload);
        } catch {
          map = null;
        }
      }
      this.maps.set(file, map);
    }
    return map;
  }
}

/**
 * Functions by self time, hottest first ('(idle)' left out). Positions in built files are mapped
 * to their sources while the build's .map files exist; paths are shown relative to `root`.
 */
export async function hottestFunctions(
  path: string,
  root: string,
  top = 15,
): Promise<HotFunction[]> {
  const profile = JSON.parse(await readFile(path, 'utf8')) as CpuProfile;
  const locator = new SourceLocator(root);
  const nameOf = new Map<number, string>();
  for (const { id, callFrame } of profile.nodes) {
    const fn = callFrame.functionName || '(anonymous)';
    const where = locator.locate(callFrame.url, callFrame.lineNumber, callFrame.columnNumber);
    nameOf.set(id, where ? `${fn} ${where}` : fn);
  }
  return rankBySelfTime(profile, nameOf, top, (name) => !name.startsWith('(idle)'));
}

/**
 * Sums each named function's self time over `profile`'s samples (`nameOf` names the nodes) and
 * returns the `top` hottest that pass `keep`; percentages are of all sampled time.
 */
export function rankBySelfTime(
  profile: CpuProfile,
  nameOf: ReadonlyMap<number, string>,
  top: number,
  keep: (name: string) => boolean = () => true,
): HotFunction[] {
  const selfUs = new Map<string, number>();
  let totalUs = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    totalUs += dt;
    const name = nameOf.get(id) ?? '?';
    selfUs.set(name, (selfUs.get(name) ?? 0) + dt);
  });
  return [...selfUs.entries()]
    .filter(([name]) => keep(name))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => ({
      name,
      selfMs: us / 1000,
      percent: totalUs > 0 ? (100 * us) / totalUs : 0,
    }));
}
