/**
 * A tiny HTTP server for test pages: serves given files (from disk or from memory) on
 * 127.0.0.1 at a free port, with correct content types, and closes cleanly (open keep-alive
 * sockets included). http://127.0.0.1 is a secure context, so pages may use getUserMedia.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { contentTypeOf } from '../../src/main/web/mimeTypes';

/** The content type for a path, from its extension; the app's own table (src/main/web/mimeTypes). */
export function contentTypeFor(path: string): string {
  return contentTypeOf(path);
}

/**
 * What a route serves: a string or bytes from memory, or a file read from disk on each request
 * (so a rebuilt file is served fresh). contentType overrides the one guessed from the route.
 */
export type StaticContent =
  | string
  | Uint8Array
  | { readonly body: string | Uint8Array; readonly contentType?: string }
  | { readonly file: string; readonly contentType?: string };

/** A running static server. */
export interface StaticServer {
  /** The bound port. */
  readonly port: number;
  /** http://127.0.0.1:<port> (no trailing slash). */
  readonly origin: string;
  /** The absolute URL of a route, e.g. url('/index.html'). */
  url(route: string): string;
  /** Adds or replaces a route. Routes start with '/'. */
  set(route: string, content: StaticContent): void;
  /** Stops listening and destroys open sockets; resolves when closed. Safe to call twice. */
  close(): Promise<void>;
}

function checkRoute(route: string): string {
  if (!route.startsWith('/')) throw new Error(`static route must start with "/": ${route}`);
  return route;
}

async function resolveContent(
  route: string,
  content: StaticContent,
): Promise<{ body: string | Uint8Array; contentType: string }> {
  if (typeof content === 'string' || content instanceof Uint8Array) {
    return { body: content, contentType: contentTypeFor(route) };
  }
  if ('file' in content) {
    const body = await readFile(content.file);
    return { body, contentType: content.contentType ?? contentTypeFor(content.file) };
  }
  return { body: content.body, contentType: content.contentType ?? contentTypeFor(route) };
}

/** Options of startStaticServer(). */
export interface StaticServerOptions {
  /**
   * Address to listen on, and the origin's host. Default: 127.0.0.1. Another address (a test
   * LAN's) is not a secure context for pages: see Chromium's
   * --unsafely-treat-insecure-origin-as-secure.
   */
  readonly host?: string;
}

/** Starts a static server on 127.0.0.1 (or `options.host`), port 0, serving `routes` (route → content). */
export async function startStaticServer(
  routes: Readonly<Record<string, StaticContent>> = {},
  options: StaticServerOptions = {},
): Promise<StaticServer> {
  const host = options.host ?? '127.0.0.1';
  const table = new Map<string, StaticContent>();
  for (const [route, content] of Object.entries(routes)) table.set(checkRoute(route), content);
  const sockets = new Set<Socket>();

  const respond = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let route: string;
    try {
      route = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('bad request path');
      return;
    }
    const content =
      table.get(route) ?? (route.endsWith('/') ? table.get(`${route}index.html`) : undefined);
    if (content === undefined) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`not found: ${route}`);
      return;
    }
    const { body, contentType } = await resolveContent(route, content);
    res.writeHead(200, {
      'Content-Type': contentType,
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const server = createServer((req, res) => {
    respond(req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`static server error: ${message}`);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | undefined;

  return {
    port,
    origin,
    url: (route) => `${origin}${checkRoute(route)}`,
    set: (route, content) => {
      table.set(checkRoute(route), content);
    },
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
        for (const socket of sockets) socket.destroy();
      })),
  };
}
