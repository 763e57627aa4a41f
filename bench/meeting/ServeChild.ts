/** The built `parley serve` (out/serve) as a child process on 127.0.0.1, for the benchmark. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BenchError } from '../lib/errors';

export class ServeChild {
  private constructor(
    private readonly child: ChildProcess,
    /** e.g. http://127.0.0.1:40123/ */
    readonly url: string,
  ) {}

  get port(): number {
    return Number(new URL(this.url).port);
  }

  static async start(root: string): Promise<ServeChild> {
    if (!existsSync(join(root, 'out/serve/serve.mjs')) || !existsSync(join(root, 'out/web'))) {
      throw new BenchError(
        'load',
        'out/serve or out/web is missing: run `npm run build:serve` first',
      );
    }
    const child = spawn(
      process.execPath,
      [join(root, 'bin/parley.mjs'), 'serve', '--host', '127.0.0.1', '--port', '0', '--no-mdns'],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new BenchError('child-start', `parley serve did not start in 30 s:\n${err}`));
      }, 30_000);
      child.stdout.setEncoding('utf8').on('data', (c: string) => {
        out += c;
        const match = /Parley server listening on (\S+)/.exec(out);
        if (match?.[1] !== undefined) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new BenchError('child-exit', `parley serve exited (${String(code)}):\n${err}`));
      });
    });
    return new ServeChild(child, url);
  }

  stop(): Promise<void> {
    if (this.child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => {
        resolve();
      });
      this.child.kill('SIGTERM');
    });
  }
}
