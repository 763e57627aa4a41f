/**
 * Deep links `parley://join/<code>[?host=..&port=..&path=..&key=..&secure=..]`: found in argv
 * (Windows/Linux second instance, first launch) or from macOS 'open-url'. The code and every field
 * of the server part are checked before anything else sees them; a link with a bad part is
 * ignored whole.
 */
import type { JoinLink } from '../../shared/ipc-contract';
import { LinkServerError, parseServerQuery } from '../../shared/meeting-link';

export const DEEP_LINK_SCHEME = 'parley';

/** Meeting codes are letters/digits in dash-separated groups (the UI normalizes them further). */
const CODE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_CODE = 64;

/**
 * The meeting of a `parley://join/<code>[?server fields]` link, or null when the link is not
 * exactly that. The raw text is matched (not a parsed URL, which would resolve `..` segments and
 * decode escapes).
 */
export function parseDeepLink(value: string): JoinLink | null {
  if (value.length > 1024) return null;
  const match = new RegExp(`^${DEEP_LINK_SCHEME}://join/([^/?#]+)/?(?:\\?([^#]*))?$`, 'i').exec(
    value.trim(),
  );
  const code = match?.[1]?.toLowerCase();
  if (code === undefined || code.length > MAX_CODE || !CODE.test(code)) return null;
  try {
    const server = parseServerQuery(match?.[2] ?? '');
    return server ? { code, server } : { code };
  } catch (error) {
    if (error instanceof LinkServerError) return null;
    throw error;
  }
}

/** The first valid deep link among command-line arguments. */
export function deepLinkFromArgv(argv: readonly string[]): JoinLink | null {
  for (const arg of argv) {
    if (!arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) continue;
    const link = parseDeepLink(arg);
    if (link !== null) return link;
  }
  return null;
}
