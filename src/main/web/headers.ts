/** Response headers of the web app `parley serve` hosts for browser guests. */
import { buildContentSecurityPolicy } from '../security/csp';

/** Hashed build output (assets/…) never changes under its name. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html) is revalidated on every load, so a new build shows at once. */
export const REVALIDATE = 'no-cache';

/** Sent with every file. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

/**
 * Sent with HTML pages: the desktop app's CSP (no eval, no inline script; connect-src reaches
 * any LAN server, as a meeting link may name another one), and camera, microphone and screen
 * capture for this origin only.
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': buildContentSecurityPolicy(),
  'Permissions-Policy':
    'camera=(self), microphone=(self), display-capture=(self), fullscreen=(self), geolocation=(), usb=(), payment=()',
};
