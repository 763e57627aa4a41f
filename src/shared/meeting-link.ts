/**
 * The server part of a meeting link: `parley://join/<code>?host=..&port=..&path=..&key=..&secure=..`
 * says where the meeting's signaling server is. Links are untrusted input (pasted, or opened from
 * a web page), so every field is checked here, for main (deep links) and the renderer alike.
 */

import { SERVER_KEY_PATTERN } from './server-config';

/** Where a meeting's signaling server is (same shape as the engine's SignalingServer). */
export interface LinkServer {
  readonly host: string;
  readonly port: number;
  /** Server path, '/' or '/a/b/'. */
  readonly path: string;
  readonly key: string;
  readonly secure: boolean;
}

/** Why a link's server part is not acceptable (message fit to show). */
export class LinkServerError extends Error {
  override readonly name = 'LinkServerError';
}

const PATH_SEGMENT = /^[A-Za-z0-9._~-]+$/;
const MAX_PATH = 256;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const FIELDS = new Set(['host', 'port', 'path', 'key', 'secure']);

/** An IPv4 address, an IPv6 address (bare, no zone) or a DNS name; false for anything else. */
export function isValidHost(host: string): boolean {
  if (host.length === 0 || host.length > 253) return false;
  if (IPV4.test(host)) return true;
  if (host.includes(':')) return isIpv6(host);
  if (/^[\d.]+$/.test(host)) return false; // digits and dots that are not a valid IPv4
  return host.split('.').every((label) => LABEL.test(label));
}

function isIpv6(host: string): boolean {
  if (!/^[0-9A-Fa-f:.]{2,45}$/.test(host)) return false;
  try {
    return new URL(`http://[${host}]/`).hostname !== '';
  } catch {
    return false;
  }
}

/** '/a/b/' from '/a/b', 'a/b/' or '/'; throws for anything but plain path segments. */
export function normalizeServerPath(path: string): string {
  if (path.length > MAX_PATH) throw new LinkServerError('The link’s server path is too long.');
  const segments = path.split('/').filter((s) => s !== '');
  if (!segments.every((s) => PATH_SEGMENT.test(s) && s !== '.' && s !== '..')) {
    throw new LinkServerError('The link’s server path is not valid.');
  }
  return segments.length === 0 ? '/' : `/${segments.join('/')}/`;
}

/** Checks every field of a server (e.g. one that came over IPC or from a link); returns a clean copy. */
export function validateLinkServer(input: unknown): LinkServer {
  const r = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const host = typeof r.host === 'string' ? unbracket(r.host) : '';
  if (!isValidHost(host)) throw new LinkServerError('The link’s server address is not valid.');
  const port = r.port;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new LinkServerError('The link’s server port must be a number from 1 to 65535.');
  }
  if (typeof r.path !== 'string') throw new LinkServerError('The link’s server path is not valid.');
  const path = normalizeServerPath(r.path);
  if (typeof r.key !== 'string' || !SERVER_KEY_PATTERN.test(r.key)) {
    throw new LinkServerError('The link’s server key is not valid.');
  }
  if (typeof r.secure !== 'boolean') throw new LinkServerError('The link’s “secure” is not valid.');
  return { host, port, path, key: r.key, secure: r.secure };
}

/**
 * The server named by a link's query string (`host=..&port=..[&path=/][&key=peerjs][&secure=0]`),
 * or undefined when the query names none (empty). Throws LinkServerError for a bad or repeated
 * field, or an unknown one.
 */
export function parseServerQuery(query: string): LinkServer | undefined {
  const text = query.replace(/^\?/, '');
  if (text === '') return undefined;
  if (text.length > 1024) throw new LinkServerError('The link is too long.');
  const fields = new Map<string, string>();
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    const value = eq < 0 ? '' : pair.slice(eq + 1);
    if (!FIELDS.has(name))
      throw new LinkServerError(`The link has an unknown part “${shorten(name)}”.`);
    if (fields.has(name)) throw new LinkServerError(`The link gives “${name}” twice.`);
    fields.set(name, decode(value));
  }
  if (fields.size === 0) return undefined;
  const portText = fields.get('port') ?? '';
  if (!/^\d{1,5}$/.test(portText)) {
    throw new LinkServerError('The link’s server port must be a number from 1 to 65535.');
  }
  const secureText = (fields.get('secure') ?? '0').toLowerCase();
  if (!['0', '1', 'true', 'false'].includes(secureText)) {
    throw new LinkServerError('The link’s “secure” must be 0 or 1.');
  }
  return validateLinkServer({
    host: fields.get('host') ?? '',
    port: Number(portText),
    path: fields.get('path') ?? '/',
    key: fields.get('key') ?? 'peerjs',
    secure: secureText === '1' || secureText === 'true',
  });
}

/** `host=..&port=..&path=..&key=..&secure=0|1`, every field encoded. */
export function formatServerQuery(server: LinkServer): string {
  return [
    `host=${encodeURIComponent(server.host)}`,
    `port=${server.port}`,
    `path=${encodeURIComponent(server.path)}`,
    `key=${encodeURIComponent(server.key)}`,
    `secure=${server.secure ? 1 : 0}`,
  ].join('&');
}

function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value.replaceAll('+', ' '));
  } catch {
    throw new LinkServerError('The link is not properly encoded.');
  }
}

function shorten(text: string): string {
  const safe = text.replace(/[^\w.-]/g, '?');
  return safe.length > 20 ? `${safe.slice(0, 20)}…` : safe;
}
