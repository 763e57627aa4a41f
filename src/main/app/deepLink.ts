/**
 * Deep links `parley://join/<code>`: found in argv (Windows/Linux second instance, first launch)
 * or from macOS 'open-url'. The code is checked before anything else sees it.
 */
export const DEEP_LINK_SCHEME = 'parley';

/** Meeting codes are letters/digits in dash-separated groups (the UI normalizes them further). */
const CODE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_CODE = 64;

/**
 * The meeting code of a `parley://join/<code>` link, or null when the link is not exactly that.
 * The raw text is matched (not a parsed URL, which would resolve `..` segments and decode escapes).
 */
export function parseDeepLink(value: string): string | null {
  if (value.length > 512) return null;
  const match = new RegExp(`^${DEEP_LINK_SCHEME}://join/([^/?#]+)/?$`, 'i').exec(value.trim());
  const code = match?.[1]?.toLowerCase();
  if (code === undefined || code.length > MAX_CODE || !CODE.test(code)) return null;
  return code;
}

/** The first valid deep link among command-line arguments. */
export function deepLinkFromArgv(argv: readonly string[]): string | null {
  for (const arg of argv) {
    if (!arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) continue;
    const code = parseDeepLink(arg);
    if (code !== null) return code;
  }
  return null;
}
