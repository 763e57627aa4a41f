/**
 * The guard of WebRTC tests: they run only inside scripts/in-netns.mjs (a private network
 * namespace with only loopback, DESIGN.md §6), where Chromium cannot offer the machine's real
 * addresses as ICE candidates. `npm test` always runs vitest inside it.
 */

/** Why WebRTC tests cannot run in this process, or undefined when they can. */
export function netnsSkipReason(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.PARLEY_NETNS === '1') return undefined;
  return (
    'not inside a private network namespace (PARLEY_NETNS is not "1"); run ' +
    '`node scripts/in-netns.mjs npx vitest run <file>` (as `npm test` does)'
  );
}

/**
 * True when WebRTC tests may run; otherwise prints the reason (naming the suite) and returns
 * false. Use it to skip a whole file: `describe.runIf(requireNetns('interop'))('…', () => …)`.
 */
export function requireNetns(
  suite = 'WebRTC tests',
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  const reason = netnsSkipReason(env);
  if (reason === undefined) return true;
  console.warn(`[skip] ${suite}: ${reason}`);
  return false;
}
