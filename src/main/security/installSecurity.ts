/**
 * Electron glue of the security layer (thin: the decisions live in the pure modules beside it).
 * - registerAppScheme(): before 'ready', makes app:// a standard, secure scheme.
 * - installAppProtocol(): serves out/renderer over app://parley with the CSP header.
 * - installSessionPolicies(): permission request/check handlers, CSP on responses.
 * - hardenWebContents(): navigation/window.open/webview guards on every webContents created.
 */
import { app, protocol, shell, type Session } from 'electron';
import { readFile } from 'node:fs/promises';
import type { Logger } from '../logging';
import { APP_ORIGIN, APP_SCHEME, APP_SCHEME_PRIVILEGES, resolveAppRequest } from './appProtocol';
import { buildContentSecurityPolicy, withContentSecurityPolicy } from './csp';
import { guardNavigation, isSafeExternalUrl } from './navigation';
import { createPermissionHandlers } from './permissions';

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

export function installAppProtocol(session: Session, rootDir: string, logger: Logger): void {
  const csp = buildContentSecurityPolicy();
  session.protocol.handle(APP_SCHEME, async (request) => {
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
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': resolved.contentType,
        'Content-Security-Policy': csp,
        'X-Content-Type-Options': 'nosniff',
        'Cross-Origin-Opener-Policy': 'same-origin',
      },
    });
  });
}

export function installSessionPolicies(
  session: Session,
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
  session.webRequest.onHeadersReceived((details, callback) => {
    const ours = allowedOrigins.some((o) => details.url.toLowerCase().startsWith(`${o}/`));
    callback(
      ours ? { responseHeaders: withContentSecurityPolicy(details.responseHeaders, csp) } : {},
    );
  });
}

/** Guards every webContents the app creates (windows, and anything a bug might create). */
export function hardenWebContents(logger: Logger): void {
  app.on('web-contents-created', (_event, contents) => {
    guardNavigation(contents, {
      logger,
      openExternal: (url) => {
        if (isSafeExternalUrl(url)) void shell.openExternal(url);
      },
    });
  });
}

export { APP_ORIGIN };
