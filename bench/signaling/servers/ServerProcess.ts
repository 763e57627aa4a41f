import { resolve } from 'node:path';
import { RpcChild } from '../../lib/RpcChild';
import type { ProcessSample, ServerMethods, ServerReadyInfo } from '../../lib/types';
import type { ServerName } from '../config';

/** Display names of the servers under test. */
export const SERVER_LABELS: Readonly<Record<ServerName, string>> = {
  parley: 'Parley',
  peer: 'peer 1.0.2',
};

const ENTRIES: Readonly<Record<ServerName, string>> = {
  parley: 'parleyServer.mjs',
  peer: 'peerServer.mjs',
};

/** Where and how to start a server child. */
export interface ServerStartOptions {
  /** Folder of the built benchmark entries. */
  readonly buildDir: string;
  /** Folder for a V8 CPU profile of the child (written when it stops); none when undefined. */
  readonly profileDir?: string | undefined;
  /** Names the profile file, e.g. 'relay'. */
  readonly tag: string;
  /** Pin the server to this CPU (see `RpcChildOptions.cpu`). */
  readonly cpu?: number | undefined;
  /** Run the server at this niceness (see `RpcChildOptions.nice`). */
  readonly nice?: number | undefined;
}

/** A server under test running in its own Node process (started with --expose-gc). */
export class ServerProcess {
  private constructor(
    readonly name: ServerName,
    private readonly child: RpcChild<ServerMethods, ServerReadyInfo>,
    /** File the CPU profile goes to when the server stops, if profiling. */
    readonly profilePath: string | undefined,
  ) {}

  static async start(name: ServerName, options: ServerStartOptions): Promise<ServerProcess> {
    const execArgv = ['--expose-gc'];
    let profilePath: string | undefined;
    if (options.profileDir) {
      const file = `${name}-${options.tag}-${Date.now()}.cpuprofile`;
      profilePath = resolve(options.profileDir, file);
      execArgv.push(
        '--cpu-prof',
        `--cpu-prof-dir=${options.profileDir}`,
        `--cpu-prof-name=${file}`,
      );
    }
    const child = await RpcChild.start<ServerMethods, ServerReadyInfo>({
      label: `${SERVER_LABELS[name]} server`,
      entry: resolve(options.buildDir, ENTRIES[name]),
      execArgv,
      ...(options.cpu === undefined ? {} : { cpu: options.cpu }),
      ...(options.nice === undefined ? {} : { nice: options.nice }),
    });
    return new ServerProcess(name, child, profilePath);
  }

  get label(): string {
    return SERVER_LABELS[this.name];
  }

  get port(): number {
    return this.child.ready.port;
  }

  /** Base URL for WebSocket clients. */
  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/`;
  }

  /** URL of the id route (GET {path}{key}/id). */
  get idUrl(): string {
    return `http://127.0.0.1:${this.port}/peerjs/id`;
  }

  /** CPU time and memory of the server process; with `gc`, memory after a full GC. */
  sample(gc = false): Promise<ProcessSample> {
    return this.child.call('sample', { gc });
  }

  /** Closes the server and waits for its process to exit (killed if it takes too long). */
  async stop(): Promise<void> {
    try {
      await this.child.call('stop', null, 10_000);
      await this.child.waitExit(10_000);
    } catch {
      await this.child.kill();
    }
  }
}
