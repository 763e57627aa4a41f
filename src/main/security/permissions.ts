/**
 * Default-deny permissions: the app's own origin may use the camera/microphone (only the kinds it
 * asked for) and capture the screen; every other permission, and any other origin, is denied and
 * logged. One narrow exception: 'clipboard-sanitized-write' for our origin, which Chromium asks
 * before every navigator.clipboard.writeText() (the "copy meeting link" button); it only writes
 * sanitized data, needs a user gesture, and reading the clipboard stays denied.
 * Handlers are plain functions over plain inputs so they are tested without Electron.
 */
import type { Logger } from '../logging';
import { originOf } from '../ipc/trustedSender';

/** The fields of Electron's permission request details the policy reads. */
export interface PermissionRequestInfo {
  readonly requestingUrl?: string;
  /** For 'media': the kinds requested. */
  readonly mediaTypes?: readonly string[];
}

/** The fields of Electron's permission check details the policy reads. */
export interface PermissionCheckInfo {
  readonly requestingUrl?: string;
  /** For 'media' checks: which kind. */
  readonly mediaType?: string;
}

export interface PermissionPolicyOptions {
  /** Origins that may use media, e.g. ['app://parley'] (+ the dev server in development). */
  readonly allowedOrigins: readonly string[];
  readonly logger: Logger;
}

const MEDIA_KINDS = new Set(['audio', 'video']);
/** Granted to our origin as they are (media is checked per kind). */
const GRANTED = new Set(['display-capture', 'clipboard-sanitized-write']);

export interface PermissionHandlers {
  /** For session.setPermissionRequestHandler (the callback receives the decision). */
  request(
    permission: string,
    details: PermissionRequestInfo,
    callback: (granted: boolean) => void,
  ): void;
  /** For session.setPermissionCheckHandler. */
  check(permission: string, requestingOrigin: string, details: PermissionCheckInfo): boolean;
}

export function createPermissionHandlers(options: PermissionPolicyOptions): PermissionHandlers {
  const allowed = new Set(options.allowedOrigins.map((o) => o.toLowerCase()));
  const ours = (url: string | undefined): boolean => {
    const origin = url === undefined ? null : originOf(url);
    return origin !== null && allowed.has(origin);
  };
  const deny = (
    kind: 'request' | 'check',
    permission: string,
    origin: string | undefined,
    why: string,
  ): false => {
    options.logger.warn(`permission ${kind} denied`, { permission, origin: origin ?? null, why });
    return false;
  };

  const decideRequest = (permission: string, details: PermissionRequestInfo): boolean => {
    if (!ours(details.requestingUrl))
      return deny('request', permission, details.requestingUrl, 'foreign origin');
    if (GRANTED.has(permission)) return true;
    if (permission !== 'media')
      return deny('request', permission, details.requestingUrl, 'not allowed');
    const kinds = details.mediaTypes ?? [];
    if (kinds.length === 0 || !kinds.every((k) => MEDIA_KINDS.has(k))) {
      return deny(
        'request',
        permission,
        details.requestingUrl,
        `media kinds ${JSON.stringify(kinds)}`,
      );
    }
    return true;
  };

  return {
    request(permission, details, callback) {
      callback(decideRequest(permission, details));
    },
    check(permission, requestingOrigin, details) {
      const url = details.requestingUrl ?? requestingOrigin;
      if (!ours(url) && !ours(requestingOrigin))
        return deny('check', permission, url, 'foreign origin');
      if (permission === 'media') {
        if (details.mediaType === undefined || MEDIA_KINDS.has(details.mediaType)) return true;
        return deny('check', permission, url, `media kind ${details.mediaType}`);
      }
      if (GRANTED.has(permission)) return true;
      return deny('check', permission, url, 'not allowed');
    },
  };
}
