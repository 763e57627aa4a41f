/**
 * Hash routes of the app (no router dependency): `#/` lobby, `#/settings`, `#/join/<code>` (a deep
 * link: the lobby opens with the code filled in), `#/meeting/<code>`. Pure parsing and formatting.
 */
export type Route =
  { view: 'lobby'; joinCode?: string } | { view: 'settings' } | { view: 'meeting'; code: string };

/** Reads a location hash. Unknown hashes go to the lobby; the code is checked by the caller. */
export function parseHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const [head = '', ...rest] = path.split('/');
  const arg = safeDecode(rest.join('/')).trim();
  switch (head.toLowerCase()) {
    case 'settings':
      return { view: 'settings' };
    case 'join':
      return arg ? { view: 'lobby', joinCode: arg } : { view: 'lobby' };
    case 'meeting':
      return arg ? { view: 'meeting', code: arg } : { view: 'lobby' };
    default:
      return { view: 'lobby' };
  }
}

export function formatHash(route: Route): string {
  switch (route.view) {
    case 'settings':
      return '#/settings';
    case 'meeting':
      return `#/meeting/${encodeURIComponent(route.code)}`;
    case 'lobby':
      return route.joinCode ? `#/join/${encodeURIComponent(route.joinCode)}` : '#/';
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
