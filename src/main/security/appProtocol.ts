/**
 * The app:// protocol that serves the built renderer (out/renderer): a standard, secure origin
 * (app://parley) instead of file://, so the CSP 'self', permissions and IPC trust key on one origin.
 * Pure path logic here; the Electron registration is in installSecurity.ts.
 */
import { extname, resolve, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'parley';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * For protocol.registerSchemesAsPrivileged (must run before app 'ready'): a standard, secure
 * origin (so 'self', getUserMedia and the permission checks work), fetch and CORS-mode loads (Vite
 * emits `<script type="module" crossorigin>`), media streaming, and V8 code caching. Not bypassCSP.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: true,
    corsEnabled: true,
    stream: true,
    codeCache: true,
  },
} as const;

export type AppRequestResolution =
  | { readonly ok: true; readonly path: string; readonly contentType: string }
  | { readonly ok: false; readonly status: 400 | 403 | 404 | 405; readonly reason: string };

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
};

/**
 * Maps an app:// request to a file under `rootDir`. Anything else — another host, a path that
 * escapes the root (also when percent-encoded), a non-GET method — is refused.
 */
export function resolveAppRequest(
  requestUrl: string,
  rootDir: string,
  method = 'GET',
): AppRequestResolution {
  if (method !== 'GET' && method !== 'HEAD')
    return { ok: false, status: 405, reason: `method ${method}` };
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400, reason: 'malformed URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) {
    return { ok: false, status: 403, reason: `foreign origin ${url.protocol}//${url.host}` };
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400, reason: 'malformed path encoding' };
  }
  if (pathname.includes('\0') || pathname.includes('\\'))
    return { ok: false, status: 400, reason: 'bad path' };
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = resolve(rootDir);
  const target = resolve(root, relative);
  if (target !== root && !target.startsWith(root + sep)) {
    return { ok: false, status: 403, reason: 'path escapes the app root' };
  }
  const type = TYPES[extname(target).toLowerCase()];
  if (!type) return { ok: false, status: 404, reason: 'unknown file type' };
  return { ok: true, path: target, contentType: type };
}
