import { getHeapSpaceStatistics } from 'node:v8';
import { serveRpc, failStart } from './serveRpc';
import type { ProcessSample, ServerMethods, ServerReadyInfo } from './types';

/** A server under test, as the host needs it. */
export interface HostedServer {
  readonly port: number;
  close(): Promise<void>;
}

/** How long `stop` waits for the server to close before exiting anyway, ms. */
const CLOSE_GRACE_MS = 3_000;

/** Samples this process; with `gc` (needs --expose-gc), runs a full GC after reading the CPU. */
export function sampleProcess(gc: boolean): ProcessSample {
  const { user, system } = process.cpuUsage();
  if (gc && typeof globalThis.gc === 'function') {
    globalThis.gc();
    globalThis.gc();
  }
  const memory = process.memoryUsage();
  const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
  return {
    rssBytes: memory.rss,
    youngGenBytes: young?.physical_space_size ?? 0,
    heapUsedBytes: memory.heapUsed,
    externalBytes: memory.external,
    cpuUs: user + system,
    userUs: user,
    atMs: performance.timeOrigin + performance.now(),
  };
}

/**
 * Runs in a server child process: starts the server, reports its port, answers `sample` and
 * `stop` (see `ServerMethods`). Anything the server throws at start-up is reported to the parent.
 */
export function hostServer(start: () => Promise<HostedServer>): void {
  start().then((server) => {
    const ready: ServerReadyInfo = { port: server.port };
    serveRpc<ServerMethods>(
      {
        sample: ({ gc }) => sampleProcess(gc),
        stop: () => {
          const timer = setTimeout(() => process.exit(0), CLOSE_GRACE_MS);
          void server.close().finally(() => {
            clearTimeout(timer);
            // Exit after the answer is on its way, so a --cpu-prof profile is written.
            setImmediate(() => process.exit(0));
          });
          return null;
        },
      },
      ready,
    );
  }, failStart);
}
