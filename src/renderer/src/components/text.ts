/** Small text helpers for display. */

/** The first letter of a name, upper-cased; whole code points, so emoji and accents survive. */
export function firstLetter(name: string): string {
  const cp = name.trim().codePointAt(0);
  return cp === undefined ? '' : String.fromCodePoint(cp).toUpperCase();
}
