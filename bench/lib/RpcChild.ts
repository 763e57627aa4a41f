import { fork, type ChildProcess } from 'node:child_process';
import { BenchError } from './errors';
import type { ChildMessage, RpcMethodMap, RpcRequest } from './types';

/** How to start a child process. */
export interface RpcChildOptions {
  /** Label used in errors and logs, e.g. 'parley server'. */
  readonly label: string;
  /** Built JavaScript entry to run with Node. */
  readonly entry: string;
  /** Arguments for the entry. Default none. */
  readonly args?: readonly string[];
  /** Node flags, e.g. ['--expose-gc']. Default none. */
  readonly execArgv?: readonly string[];
  /** How long to wait for the child's 'ready' message, ms. Default 20000. */
  readonly readyTimeoutMs?: number;
  /**
   * Run the child on this CPU only (Linux, through `taskset`), so a latency measurement is not
   * scheduled on the same core as the process it talks to. Default: any CPU.
   */
  readonly cpu?: number;
  /** Run the child at this niceness (through `nice`; negative needs privileges). Default: inherited. */
  readonly nice?: number;
}

/** `fork` arguments that start Node through `nice` and `taskset` when asked to. */
function launcher(options: RpcChildOptions): { execPath: string; execArgv: string[] } {
  const execArgv = [...(options.execArgv ?? [])];
  const prefix: string[] = [];
  if (options.nice !== undefined) prefix.push('nice', '-n', String(options.nice));
  if (options.cpu !== undefined) prefix.push('taskset', '--cpu-list', String(options.cpu));
  const [command, ...rest] = prefix;
  if (command === undefined) return { execPath: process.execPath, execArgv };
  if (process.platform !== 'linux') {
    throw new BenchError('child-start', `${options.label}: nice/taskset need Linux`);
  }
  return { execPath: command, execArgv: [...rest, process.execPath, ...execArgv] };
}

interface Pending {
  readonly method: string;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

const isChildMessage = (value: unknown): value is ChildMessage =>
  typeof value === 'object' &&
  value !== null &&
  ['response', 'ready', 'failed'].includes((value as { kind?: unknown }).kind as string);

/**
 * A child Node process answering typed requests over the IPC channel (see `serveRpc`). The
 * parent side of every benchmark child: servers under test and load generators.
 */
export class RpcChild<M extends RpcMethodMap, Ready = unknown> {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private exited = false;
  private readonly exitPromise: Promise<number | null>;

  private constructor(
    private readonly label: string,
    private readonly child: ChildProcess,
    /** What the child reported when it became ready. */
    readonly ready: Ready,
  ) {
    this.exitPromise = new Promise((resolve) => {
      child.once('exit', (code) => {
        this.exited = true;
        for (const [id, p] of this.pending) {
          clearTimeout(p.timer);
          p.reject(
            new BenchError('child-exit', `${label} exited (code ${code}) during ${p.method}`),
          );
          this.pending.delete(id);
        }
        resolve(code);
      });
    });
    child.on('message', (message: unknown) => {
      if (!isChildMessage(message) || message.kind !== 'response') return;
      const p = this.pending.get(message.id);
      if (!p) return;
      this.pending.delete(message.id);
      clearTimeout(p.timer);
      if (message.ok) p.resolve(message.result);
      else p.reject(new BenchError('rpc-failed', `${label} ${p.method}: ${message.error}`));
    });
  }

  /** Forks the entry and waits until it reports ready. */
  static async start<M extends RpcMethodMap, Ready>(
    options: RpcChildOptions,
  ): Promise<RpcChild<M, Ready>> {
    const child = fork(options.entry, [...(options.args ?? [])], {
      ...launcher(options),
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ready = await new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        fail(new BenchError('child-start', `${options.label} not ready in time`));
      }, options.readyTimeoutMs ?? 20_000);
      const cleanup = (): void => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        child.off('error', fail);
      };
      const fail = (error: Error): void => {
        cleanup();
        child.kill('SIGKILL');
        reject(error);
      };
      const onExit = (code: number | null): void => {
        fail(
          new BenchError('child-start', `${options.label} exited (code ${code}) while starting`),
        );
      };
      const onMessage = (message: unknown): void => {
        if (!isChildMessage(message)) return;
        if (message.kind === 'ready') {
          cleanup();
          resolve(message.info);
        } else if (message.kind === 'failed') {
          fail(new BenchError('child-start', `${options.label} failed: ${message.error}`));
        }
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.once('error', fail);
    });
    return new RpcChild<M, Ready>(options.label, child, ready as Ready);
  }

  /** Process id (for /proc reads and profiles). */
  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Calls `method` in the child. Rejects on timeout, on a thrown handler, or if the child exits. */
  call<K extends keyof M & string>(
    method: K,
    arg: M[K]['arg'],
    timeoutMs = 120_000,
  ): Promise<M[K]['result']> {
    if (this.exited) {
      return Promise.reject(new BenchError('child-exit', `${this.label} is not running`));
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          new BenchError('rpc-timeout', `${this.label} ${method}: no answer in ${timeoutMs} ms`),
        );
      }, timeoutMs);
      this.pending.set(id, {
        method,
        resolve: (value) => {
          resolve(value);
        },
        reject,
        timer,
      });
      const request: RpcRequest = { kind: 'request', id, method, arg };
      this.child.send(request);
    });
  }

  /** Waits for the child to exit by itself for up to `graceMs`, then kills it. */
  async waitExit(graceMs = 5_000): Promise<number | null> {
    if (this.exited) return this.exitPromise;
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    try {
      return await this.exitPromise;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Kills the child now (SIGKILL) and waits for it to be gone. */
  async kill(): Promise<void> {
    if (!this.exited) this.child.kill('SIGKILL');
    await this.exitPromise;
  }
}
