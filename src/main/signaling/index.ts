/**
 * The LAN signaling server: PeerJS protocol (wire-compatible with `peer` 1.0.2) over `ws`, with
 * HTTP routes, explicit limits and runtime validation of every frame. Pure Node.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import { createLogger } from '../logging';
import { SignalingError } from './errors';
import { validateSignalingOptions } from './options';
import { SignalingService } from './SignalingService';
import type { SignalingDeps, SignalingOptions, SignalingServer } from './types';

export { SignalingError, SignalingOptionsError } from './errors';
export type { OptionIssue, SignalingErrorType } from './errors';
export {
  DEFAULT_SIGNALING_OPTIONS,
  SIGNALING_OPTION_SPECS,
  validateSignalingOptions,
  normalizePath,
} from './options';
export type { SignalingOptionSpec } from './options';
export { ErrorText } from './frames';
export type {
  LimitEvent,
  LimitName,
  SignalingDeps,
  SignalingOptions,
  SignalingServer,
  SignalingServerEvents,
} from './types';

/** Pending connections the kernel may hold (it caps this at net.core.somaxconn). */
const LISTEN_BACKLOG = 4096;

/**
 * Creates an HTTP server, listens on `options.host:options.port`, and attaches the signaling
 * service (HTTP routes under `options.path`, 404 for anything else; WebSocket at
 * `{path}peerjs`).
 * @throws SignalingOptionsError for invalid options; SignalingError 'listen-failed' when the
 * address cannot be bound (e.g. port in use).
 */
export async function startSignalingServer(
  options: Partial<SignalingOptions> = {},
  deps: SignalingDeps = {},
): Promise<SignalingServer> {
  const validated = validateSignalingOptions(options);
  const logger = deps.logger ?? createLogger();
  const server = createServer();
  const service = new SignalingService(server, validated, logger, true);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: validated.host, port: validated.port, backlog: LISTEN_BACKLOG }, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (cause) {
    await service.close();
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new SignalingError(
      'listen-failed',
      `Cannot listen on ${validated.host}:${validated.port}: ${reason}`,
      { cause },
    );
  }
  logger.info('signaling server listening', { url: service.url });
  return service;
}

/**
 * Attaches the signaling service to an HTTP(S) server the caller owns and listens on.
 * - WebSocket: upgrades on `{path}peerjs` are handled; other upgrade paths are left alone.
 *   The caller's own upgrade listeners must likewise leave `{path}peerjs` alone (a `ws` server
 *   created with `{ server }` answers 400 to every path but its own: use `noServer`).
 * - HTTP: nothing is registered; the caller's request handler must call
 *   `signaling.handleHttp(req, res)` first and serve the request itself when it returns false.
 * `close()` closes the sockets and timers but not the caller's server.
 * @throws SignalingOptionsError for invalid options (host and port are ignored here).
 */
export function attachSignalingServer(
  server: HttpServer | HttpsServer,
  options: Partial<SignalingOptions> = {},
  deps: SignalingDeps = {},
): SignalingServer {
  const validated = validateSignalingOptions(options);
  return new SignalingService(server, validated, deps.logger ?? createLogger(), false);
}
