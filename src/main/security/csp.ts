/**
 * The Content-Security-Policy of the app, built in one place. Applied as a response header to
 * everything served from app://parley and kept identical in the meta tag of index.html, minus
 * the directives a meta policy cannot carry (a test compares them). No 'unsafe-eval' anywhere; inline styles only (Vue transitions set style attrs).
 */

/** Directive → sources. connect-src must reach any LAN signaling server (ws/http on an IP). */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'media-src': ["'self'", 'blob:', 'mediastream:'],
  'connect-src': ["'self'", 'ws:', 'wss:', 'http:', 'https:'],
  'font-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

export function buildContentSecurityPolicy(directives = CSP_DIRECTIVES): string {
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** Directives browsers ignore (with a console error) in a <meta> policy; they go in the header only. */
export const HEADER_ONLY_DIRECTIVES: readonly string[] = [
  'frame-ancestors',
  'report-uri',
  'sandbox',
];

/** The policy for index.html's meta tag: the header policy without header-only directives. */
export function buildMetaContentSecurityPolicy(directives = CSP_DIRECTIVES): string {
  return buildContentSecurityPolicy(
    Object.fromEntries(
      Object.entries(directives).filter(([name]) => !HEADER_ONLY_DIRECTIVES.includes(name)),
    ),
  );
}

/** Parses a policy string into directive → sources (for comparing the header and the meta tag). */
export function parseContentSecurityPolicy(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), sources);
  }
  return out;
}

type Headers = Record<string, string[] | string>;

/** Response headers with our CSP set (any CSP the response had is replaced). */
export function withContentSecurityPolicy(
  headers: Headers | undefined,
  policy: string,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() === 'content-security-policy') continue;
    out[key] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [policy];
  return out;
}
