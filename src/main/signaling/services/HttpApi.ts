import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Realm } from '../models/Realm';
import type { SignalingOptions } from '../types';

/** `GET {path}`: `peer` 1.0.2's body, verbatim. */
export const SERVER_INFO_BODY = JSON.stringify({
  name: 'PeerJS Server',
  description: 'A server side element to broker connections between PeerJS clients.',
  website: 'https://peerjs.com/',
});

const JSON_TYPE = 'application/json; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';
const KEY_ROUTE = /^([^/]+)\/(id|peers)\/?$/;

type Route = { kind: 'info' } | { kind: 'id' | 'peers'; key: string };

/**
 * The HTTP routes, without a framework:
 * - `GET {path}` → server info JSON;
 * - `GET {path}{key}/id` → a fresh unused id (text);
 * - `GET {path}{key}/peers` → JSON array of ids when allowDiscovery, else 401;
 * - wrong key → 401; HEAD like GET without a body; OPTIONS → CORS preflight (204); other
 *   methods on these routes → 405. CORS: any origin (no credentials are used).
 * Anything else is not ours: `handle` returns false and leaves the response untouched.
 */
export class HttpApi {
  private readonly base: string;

  constructor(
    private readonly options: Readonly<SignalingOptions>,
    private readonly realm: Realm,
  ) {
    this.base = options.path.slice(0, -1);
  }

  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const route = this.route(req.url ?? '');
    if (route === undefined) return false;
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '',
        'Access-Control-Max-Age': '600',
        'Content-Length': '0',
      });
      res.end();
      return true;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      send(res, method, 405, TEXT_TYPE, `Method ${method} not allowed`, {
        Allow: 'GET, HEAD, OPTIONS',
      });
      return true;
    }
    if (route.kind === 'info') {
      send(res, method, 200, JSON_TYPE, SERVER_INFO_BODY);
    } else if (!this.keyMatches(route.key)) {
      send(res, method, 401, TEXT_TYPE, 'Invalid key provided');
    } else if (route.kind === 'id') {
      send(res, method, 200, TEXT_TYPE, this.realm.generateId());
    } else if (this.options.allowDiscovery) {
      send(res, method, 200, JSON_TYPE, JSON.stringify(this.realm.ids()));
    } else {
      send(
        res,
        method,
        401,
        TEXT_TYPE,
        'Peer discovery is disabled on this server (allow_discovery)',
      );
    }
    return true;
  }

  private route(url: string): Route | undefined {
    const q = url.indexOf('?');
    const pathname = q < 0 ? url : url.slice(0, q);
    if (pathname === this.options.path || (this.base !== '' && pathname === this.base)) {
      return { kind: 'info' };
    }
    if (!pathname.startsWith(this.options.path)) return undefined;
    const match = KEY_ROUTE.exec(pathname.slice(this.options.path.length));
    if (match === null) return undefined;
    return { kind: match[2] === 'id' ? 'id' : 'peers', key: match[1] ?? '' };
  }

  private keyMatches(segment: string): boolean {
    if (segment === this.options.key) return true;
    try {
      return decodeURIComponent(segment) === this.options.key;
    } catch {
      return false; // malformed percent-encoding
    }
  }
}

function send(
  res: ServerResponse,
  method: string,
  status: number,
  type: string,
  body: string,
  extra?: Record<string, string>,
): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'Access-Control-Allow-Origin': '*',
    'X-Content-Type-Options': 'nosniff',
    ...extra,
  });
  res.end(method === 'HEAD' ? undefined : body);
}
