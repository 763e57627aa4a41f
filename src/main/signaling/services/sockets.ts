import type { Duplex } from 'node:stream';
import { WebSocketServer, type Server } from 'ws';
import { SignalingSocket } from './SignalingSocket';

/**
 * A `ws` server that leaves HTTP to us, keeps no client set and never compresses. Its sockets
 * are SignalingSockets of a subclass that knows `maxPayload` (on the prototype, not per socket).
 */
export function createWss(maxPayload: number): Server<typeof SignalingSocket> {
  class ServerSocket extends SignalingSocket {
    override get maxPayload(): number {
      return maxPayload;
    }
  }
  return new WebSocketServer({
    noServer: true,
    clientTracking: false,
    perMessageDeflate: false,
    maxPayload,
    WebSocket: ServerSocket,
  });
}

/** '::ffff:10.0.0.1' → '10.0.0.1'; missing (socket already gone) → 'unknown'. */
export function normalizeIp(address: string | undefined): string {
  if (address === undefined) return 'unknown';
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

export function refuseUpgrade(socket: Duplex, status: string): void {
  socket.on('error', () => undefined);
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.once('finish', () => socket.destroy());
}
