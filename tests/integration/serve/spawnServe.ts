/** Runs the BUILT `parley serve` (bin/parley.mjs → out/serve/serve.mjs) as a child process. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = `${root}bin/parley.mjs`;
const built = `${root}out/serve/serve.mjs`;

/** Throws a clear message when the CLI has not been built (the npm test script builds it). */
export function requireBuild(): void {
  if (!existsSync(built)) {
    throw new Error(
      'out/serve/serve.mjs is missing: run `npm run build:serve` before these tests ' +
        '(`npm test` does it for you).',
    );
  }
}

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface ServeProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has exited. */
  readonly exited: Promise<Exit>;
}

/**
 * Starts `node bin/parley.mjs <args>` and collects its output; `prefix` runs it through another
 * command that execs it (e.g. `ip netns exec lanA`), so signals still reach the server.
 */
export function runParley(args: readonly string[], prefix: readonly string[] = []): ServeProcess {
  const [cmd, ...rest] = [...prefix, process.execPath, bin, ...args];
  const child = spawn(cmd ?? process.execPath, rest, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve({ code, signal });
    });
  });
  return { child, stdout: () => out, stderr: () => err, exited };
}

export interface RunningServer extends ServeProcess {
  readonly port: number;
  /** The URL from the banner line, e.g. http://127.0.0.1:40123/ */
  readonly url: string;
}

const running = new Set<ServeProcess>();

/**
 * Starts `parley serve <args>` and waits for the banner line "Parley server listening on <url>";
 * rejects with the process output if it exits first or takes longer than `timeoutMs`.
 */
export async function startServe(
  args: readonly string[],
  timeoutMs = 30_000,
  prefix: readonly string[] = [],
): Promise<RunningServer> {
  requireBuild();
  const proc = runParley(['serve', ...args], prefix);
  running.add(proc);
  void proc.exited.then(() => running.delete(proc));
  const url = await new Promise<string>((resolve, reject) => {
    const check = (): void => {
      const match = /Parley server listening on (\S+)/.exec(proc.stdout());
      if (match?.[1] !== undefined) {
        cleanup();
        resolve(match[1]);
      }
    };
    const onExit = (exit: Exit): void => {
      cleanup();
      reject(
        new Error(
          `parley serve exited (${JSON.stringify(exit)}) before listening:\n${proc.stderr()}`,
        ),
      );
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(
        new Error(`parley serve did not print its banner in ${timeoutMs} ms:\n${proc.stderr()}`),
      );
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      proc.child.stdout?.off('data', check);
    };
    proc.child.stdout?.on('data', check);
    void proc.exited.then(onExit);
    check();
  });
  return { ...proc, url, port: Number(new URL(url).port) };
}

/** Kills every server still running (for afterEach/afterAll). */
export async function killAll(): Promise<void> {
  const procs = [...running];
  for (const proc of procs) proc.child.kill('SIGKILL');
  await Promise.all(procs.map((p) => p.exited));
}

/** Parses the JSON log lines of stderr. */
export function logLines(stderr: string): Record<string, unknown>[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
