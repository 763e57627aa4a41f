/**
 * Shared types of the benchmark helpers: the IPC messages between a benchmark's orchestrator and
 * its child processes (servers under test, load generators), and process samples.
 */

/** Methods a child process answers: each name maps to its argument and result types. */
export type RpcMethodMap = Record<string, { arg: unknown; result: unknown }>;

/** Parent → child: call `method` with `arg`. */
export interface RpcRequest {
  readonly kind: 'request';
  readonly id: number;
  readonly method: string;
  readonly arg: unknown;
}

/** Child → parent: the answer to request `id`. */
export type RpcResponse =
  | { readonly kind: 'response'; readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly kind: 'response'; readonly id: number; readonly ok: false; readonly error: string };

/** Child → parent, once: the child is ready; `info` says what the parent needs (e.g. a port). */
export interface RpcReady {
  readonly kind: 'ready';
  readonly info: unknown;
}

/** Child → parent, once: the child could not start. */
export interface RpcFailed {
  readonly kind: 'failed';
  readonly error: string;
}

export type ChildMessage = RpcResponse | RpcReady | RpcFailed;

/** Resource use of one process at one moment, as the process itself reports it. */
export interface ProcessSample {
  /** Resident set size, bytes (after a full GC when one was asked for). */
  readonly rssBytes: number;
  /** V8 heap in use, bytes. */
  readonly heapUsedBytes: number;
  /**
   * Resident bytes of V8's young generation (new space). After a full GC it holds no live
   * objects, but V8 keeps the pages it grew to under a burst of allocation (up to 2 × 16 MiB
   * semi-spaces), so this part of `rssBytes` tracks the recent allocation rate, not live data.
   */
  readonly youngGenBytes: number;
  /** Memory of C++ objects bound to JS objects (Buffers included), bytes. */
  readonly externalBytes: number;
  /** User + system CPU time since the process started, µs (read before any GC it was asked for). */
  readonly cpuUs: number;
  /** The user-mode part of `cpuUs`, µs (the rest is kernel time: syscalls, TCP). */
  readonly userUs: number;
  /** `performance.timeOrigin + performance.now()` when sampled, ms. */
  readonly atMs: number;
}

/** Methods every server child (see `serverHost.ts`) answers. */
export type ServerMethods = {
  /** Samples the process; with `gc`, runs a full GC first (CPU is read before it). */
  sample: { arg: { gc: boolean }; result: ProcessSample };
  /** Closes the server and exits the process. */
  stop: { arg: null; result: null };
};

/** What a server child reports when it is ready. */
export interface ServerReadyInfo {
  readonly port: number;
}
