/** Server child: Parley's signaling server with the benchmark's limits (see limits.ts). */
import { createLogger } from '../../../src/main/logging';
import { startSignalingServer } from '../../../src/main/signaling';
import { hostServer } from '../../lib/serverHost';
import { BENCH_LIMITS } from './limits';

hostServer(async () => {
  const server = await startSignalingServer(
    {
      host: '127.0.0.1',
      port: 0,
      path: '/',
      key: 'peerjs',
      ...BENCH_LIMITS,
    },
    { logger: createLogger({ level: 'warn' }) },
  );
  return { port: server.port, close: () => server.close() };
});
