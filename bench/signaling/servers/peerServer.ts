/** Server child: the official `peer` 1.0.2 server with the benchmark's limits (see limits.ts). */
import type { AddressInfo } from 'node:net';
import { PeerServer } from 'peer';
import { hostServer } from '../../lib/serverHost';
import { BENCH_LIMITS } from './limits';

hostServer(
  () =>
    new Promise((resolve) => {
      const app = PeerServer(
        {
          host: '127.0.0.1',
          port: 0,
          path: '/',
          key: 'peerjs',
          concurrent_limit: BENCH_LIMITS.concurrentLimit,
        },
        (server) => {
          const { port } = server.address() as AddressInfo;
          resolve({
            port,
            // peer has no close of its own. Stop listening; the process exits right after
            // and the kernel closes the WebSockets (peer does not track them).
            close: () => {
              server.close();
              return Promise.resolve();
            },
          });
        },
      );
      // peer emits socket errors on the app; without a listener they would crash the process.
      let errors = 0;
      app.on('error', (error: unknown) => {
        if (++errors <= 3) console.error('[peer server]', error);
      });
    }),
);
