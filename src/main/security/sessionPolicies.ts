/**
 * What the app installs on its session, written against the few Session members it uses so the
 * real functions are tested with a recording fake (no Electron import here, only types):
 * - installAppProtocol(): serves out/renderer over app://parley with type, CSP and nosniff;
 * - installSessionPolicies(): permission request/check handlers, device handler, CSP on responses.
 */
import type { Session } from 'electron';
import { readFile } from 'node:fs/promises';
import type { Logger } from '../logging';
import { APP_SCHEME, resolveAppRequest } from './appProtocol';
import { buildContentSecurityPolicy, withContentSecurityPolicy } from './csp';
import { createPermissionHandlers } from './permissions';

/** The parts of Electron's Session the policies use. */
export type PolicySession = Pick<
  Session,
  | 'setPermissionRequestHandler'
  | 'setPermissionCheckHandler'
  | 'setDevicePermissionHandler'
  | 'webRequest'
>;
export interface ProtocolSession {
  readonly protocol: Pick<Session['protocol'], 'handle'>;
}

/** The app:// request handler: a file under rootDir, or an empty error response. */
export function createAppProtocolHandler(
  rootDir: string,
  logger: Logger,
): (request: { readonly url: string; readonly method: string }) => Promise<Response> {
  const csp = buildContentSecurityPolicy();
  return async (request) => {
    const resolved = resolveAppRequest(request.url, rootDir, request.method);
    if (!resolved.ok) {
      logger.warn('app protocol refused a request', { url: request.url, reason: resolved.reason });
      return new Response(null, { status: resolved.status });
    }
    let body: Buffer;
    try {
      body = await readFile(resolved.path); // reads inside app.asar too
    } catch {
      return new Response(null, { status: 404 });
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': resolved.contentType,
        'Content-Length': String(body.length),
        'Content-Security-Policy': csp,
        'X-Content-Type-Options': 'nosniff',
        'Cross-Origin-Opener-Policy': 'same-origin',
      },
    });
  };
}

export function installAppProtocol(
  session: ProtocolSession,
  rootDir: string,
  logger: Logger,
): void {
  session.protocol.handle(APP_SCHEME, createAppProtocolHandler(rootDir, logger));
}

export function installSessionPolicies(
  session: PolicySession,
  allowedOrigins: readonly string[],
  logger: Logger,
): void {
  const permissions = createPermissionHandlers({ allowedOrigins, logger });
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    permissions.request(
      permission,
      { requestingUrl: details.requestingUrl, ...(mediaTypes ? { mediaTypes } : {}) },
      callback,
    );
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    permissions.check(permission, requestingOrigin, {
      ...(details.requestingUrl !== undefined ? { requestingUrl: details.requestingUrl } : {}),
      ...(details.mediaType !== undefined ? { mediaType: details.mediaType } : {}),
    }),
  );
  // Devices (HID, serial, USB, Bluetooth) are never granted.
  session.setDevicePermissionHandler(() => false);
  const csp = buildContentSecurityPolicy();
  const ours = (url: string): boolean =>
    allowedOrigins.some((o) => url.toLowerCase().startsWith(`${o.toLowerCase()}/`));
  session.webRequest.onHeadersReceived((details, callback) => {
    callback(
      ours(details.url)
        ? { responseHeaders: withContentSecurityPolicy(details.responseHeaders, csp) }
        : {},
    );
  });
}
