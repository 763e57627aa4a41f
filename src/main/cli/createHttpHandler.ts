/**
 * The HTTP request handler of `parley serve`, in front of the signaling routes:
 *
 *   GET /health               → 200 { status: 'ok', clients, uptimeSeconds, version }
 *   (page navigations)        → the `navigation` hook: a browser opening {path} gets the web app
 *   (signaling routes)        → GET {path}, GET {path}{key}/id, GET {path}{key}/peers
 *   GET {path}parley/config   → 200 { iceServers: RTCIceServer[], path, key, meeting } (CORS: any)
 *   (static files)            → the `fallback` hook: the web app for browser guests
 *   anything else             → 404 JSON
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IceServer } from '../../shared/ice';
import type { SignalingServer } from '../signaling';
import { CORS_HEADERS, sendJson } from '../http/json';

export interface HttpHandlerDeps {
  readonly signaling: Pick<SignalingServer, 'handleHttp' | 'clientCount'>;
  /** Server path (normalized, starts and ends with '/'). */
  readonly path: string;
  /** API key of the signaling server (handed to web clients with the ICE servers). */
  readonly key?: string;
  readonly iceServers: readonly IceServer[];
  readonly version: string;
  /**
   * The meeting this server hosts, as LAN discovery names it ({ id: the mDNS service name, or
   * the server's URL when not advertised; name }), so web guests derive the same meeting code
   * as desktop apps that found it by mDNS.
   */
  readonly meeting?: () => { readonly id: string; readonly name: string };
  /** Monotonic clock in ms (for the uptime). Default `performance.now`. */
  readonly now?: () => number;
  /**
   * Serves whatever the routes above do not (e.g. the built web app); returns false to let the
   * handler answer 404. Absent: everything else is 404.
   */
  readonly fallback?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /**
   * Asked before the signaling routes (which own GET {path}); returns true when it answered a
   * browser's page navigation (the web app's start page).
   */
  readonly navigation?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

export function createHttpHandler(deps: HttpHandlerDeps): RequestHandler {
  const now = deps.now ?? (() => performance.now());
  const startedAt = now();
  const configPath = `${deps.path}parley/config`;
  const config = (): unknown => ({
    iceServers: deps.iceServers,
    path: deps.path,
    ...(deps.key !== undefined ? { key: deps.key } : {}),
    ...(deps.meeting ? { meeting: deps.meeting() } : {}),
  });

  /** Answers a route that supports GET/HEAD (and CORS preflight when `cors`). */
  const route = (
    req: IncomingMessage,
    res: ServerResponse,
    body: () => unknown,
    cors: boolean,
  ): void => {
    const extra = cors ? CORS_HEADERS : {};
    if (req.method === 'GET' || req.method === 'HEAD') {
      sendJson(req, res, 200, body(), extra);
    } else if (req.method === 'OPTIONS' && cors) {
      res.writeHead(204, CORS_HEADERS).end();
    } else {
      sendJson(
        req,
        res,
        405,
        { error: 'method not allowed' },
        {
          Allow: cors ? 'GET, HEAD, OPTIONS' : 'GET, HEAD',
          ...extra,
        },
      );
    }
  };

  return (req, res) => {
    try {
      const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (pathname === '/health') {
        route(
          req,
          res,
          () => ({
            status: 'ok',
            clients: deps.signaling.clientCount(),
            uptimeSeconds: Math.floor((now() - startedAt) / 1000),
            version: deps.version,
          }),
          false,
        );
        return;
      }
      if (deps.navigation?.(req, res) === true) return;
      if (deps.signaling.handleHttp(req, res)) return;
      if (pathname === configPath) {
        route(req, res, config, true);
        return;
      }
      if (deps.fallback?.(req, res) === true) return;
      sendJson(req, res, 404, { error: 'not found' });
    } catch (err) {
      // A malformed request (bad URL) must not take the server down.
      if (!res.headersSent) sendJson(req, res, 400, { error: 'bad request' });
      else res.destroy(err instanceof Error ? err : undefined);
    }
  };
}
