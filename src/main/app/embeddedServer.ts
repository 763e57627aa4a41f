/**
 * The desktop app's built-in signaling server: our signaling service on an HTTP server of its own,
 * which also answers `GET {path}parley/config` like `parley serve` does — the ICE servers of the
 * settings (read at each request, so edits apply at once), the path and the key — so every client
 * that meets here gets the same STUN/TURN servers (DESIGN §3). Pure Node.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { validateIceServers, type IceServer } from '../../shared/ice';
import type { Logger } from '../logging';
import { CORS_HEADERS, sendJson } from '../http/json';
import {
  attachSignalingServer,
  SignalingError,
  type SignalingOptions,
  type SignalingServer,
} from '../signaling';

export interface EmbeddedServerOptions {
  readonly signaling: Partial<SignalingOptions> & { host: string; port: number };
  /** The ICE servers to hand out (the settings'); invalid ones are left out with a warning. */
  readonly iceServers: () => readonly unknown[];
  readonly logger: Logger;
}

export interface EmbeddedServer {
  readonly port: number;
  /** Normalized ('/' or '/a/b/'). */
  readonly path: string;
  readonly key: string;
  readonly options: SignalingServer['options'];
  close(): Promise<void>;
}

/**
 * Listens on `signaling.host:signaling.port`.
 * @throws SignalingError 'listen-failed' (its cause says EADDRINUSE when the port is taken).
 */
export async function startEmbeddedServer(o: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const http = createServer();
  const signaling = attachSignalingServer(http, o.signaling, { logger: o.logger });
  const { path, key } = signaling.options;
  const configPath = `${path}parley/config`;
  const iceServers = (): IceServer[] => {
    try {
      return validateIceServers([...o.iceServers()]);
    } catch (error) {
      o.logger.warn('ICE servers in the settings are invalid; none handed out', { error });
      return [];
    }
  };
  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    if (signaling.handleHttp(req, res)) return;
    const pathname = (req.url ?? '/').split('?')[0];
    if (pathname === configPath && req.method === 'OPTIONS') {
      res.writeHead(204, CORS_HEADERS).end();
    } else if (pathname === configPath && (req.method === 'GET' || req.method === 'HEAD')) {
      sendJson(req, res, 200, { iceServers: iceServers(), path, key }, CORS_HEADERS);
    } else if (pathname === configPath) {
      sendJson(
        req,
        res,
        405,
        { error: 'method not allowed' },
        { ...CORS_HEADERS, Allow: 'GET, HEAD, OPTIONS' },
      );
    } else {
      sendJson(req, res, 404, { error: 'not found' }, CORS_HEADERS);
    }
  });
  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen({ host: o.signaling.host, port: o.signaling.port }, () => {
        http.off('error', reject);
        resolve();
      });
    });
  } catch (cause) {
    await signaling.close();
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new SignalingError(
      'listen-failed',
      `Cannot listen on ${o.signaling.host}:${o.signaling.port}: ${reason}`,
      { cause },
    );
  }
  http.on('error', (error) => {
    o.logger.error('built-in server error', { error });
  });
  const address = http.address();
  const port = typeof address === 'object' && address !== null ? address.port : o.signaling.port;
  o.logger.info('built-in signaling server listening', { port, path });
  return {
    port,
    path,
    key,
    options: signaling.options,
    close: async () => {
      await signaling.close();
      await new Promise<void>((resolve) => {
        if (!http.listening) {
          resolve();
          return;
        }
        http.close(() => {
          resolve();
        });
        http.closeAllConnections();
      });
    },
  };
}
