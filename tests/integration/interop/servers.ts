/**
 * The two signaling servers the interop test runs against: ours (src/main/signaling) and the
 * official `peer` 1.0.2 as the control. Both on 127.0.0.1, a free port, the same expiry.
 */
import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { PeerServer } from 'peer';
import { createLogger } from '../../../src/main/logging';
import { startSignalingServer } from '../../../src/main/signaling';
import type { ServerAddress } from './types';

/** Queued offers for an absent peer expire after this long (then peerjs says peer-unavailable). */
export const EXPIRE_TIMEOUT_MS = 3_000;

/** A running server the pages can reach. */
export interface InteropServer extends ServerAddress {
  close(): Promise<void>;
}

/** A server the test is parameterized over. */
export interface ServerKind {
  readonly name: string;
  start(): Promise<InteropServer>;
}

/** Parley's signaling server. */
export const parleyServer: ServerKind = {
  name: 'our server',
  async start() {
    const server = await startSignalingServer(
      { host: '127.0.0.1', port: 0, path: '/', key: 'peerjs', expireTimeout: EXPIRE_TIMEOUT_MS },
      { logger: createLogger({ level: 'warn' }) },
    );
    return {
      host: '127.0.0.1',
      port: server.port,
      path: '/',
      key: 'peerjs',
      close: () => server.close(),
    };
  },
};

/** The official `peer` 1.0.2 server (the control). */
export const officialPeerServer: ServerKind = {
  name: 'peer 1.0.2',
  async start() {
    const sockets = new Set<Socket>();
    const http = await new Promise<Server>((resolve) => {
      PeerServer(
        { host: '127.0.0.1', port: 0, path: '/', key: 'peerjs', expire_timeout: EXPIRE_TIMEOUT_MS },
        (server) => {
          resolve(server);
        },
      );
    });
    http.on('connection', (socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    const { port } = http.address() as AddressInfo;
    return {
      host: '127.0.0.1',
      port,
      path: '/',
      key: 'peerjs',
      // peer 1.0.2 has no close(): stop listening and drop the sockets (its timers stay, harmless).
      close: () =>
        new Promise<void>((resolve) => {
          http.close(() => {
            resolve();
          });
          for (const socket of sockets) socket.destroy();
        }),
    };
  },
};
