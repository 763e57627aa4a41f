/** Port fallback and LAN addresses for the built-in server. Pure Node. */
import type { NetworkInterfaceInfo } from 'node:os';

/** Every configured port (and the next ones) was taken. */
export class PortsExhaustedError extends Error {
  override readonly name = 'PortsExhaustedError';
  readonly type = 'ports-exhausted';
  constructor(
    readonly firstPort: number,
    readonly lastPort: number,
    options?: { cause?: unknown },
  ) {
    super(`ports ${firstPort}–${lastPort} are all in use`, options);
  }
}

/** True when `error` (or one of its causes) is EADDRINUSE. */
export function isAddressInUse(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') return true;
  }
  return false;
}

/**
 * Calls `start(port)` for `firstPort`, then the next ports while the failure is "address in use",
 * up to `attempts` ports. Other failures are thrown at once.
 */
export async function listenWithFallback<T>(
  firstPort: number,
  attempts: number,
  start: (port: number) => Promise<T>,
): Promise<T> {
  let lastPort = firstPort;
  let lastError: unknown;
  for (let i = 0; i < attempts && firstPort + i <= 65535; i++) {
    lastPort = firstPort + i;
    try {
      return await start(lastPort);
    } catch (error) {
      if (!isAddressInUse(error)) throw error;
      lastError = error;
    }
  }
  throw new PortsExhaustedError(firstPort, lastPort, { cause: lastError });
}

/**
 * The IPv4 addresses others on the LAN can reach us at: not internal; link-local (169.254/16,
 * a LAN without DHCP) listed last.
 */
export function lanAddresses(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string[] {
  const all = Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((i) => i.family === 'IPv4' && !i.internal)
    .map((i) => i.address);
  const unique = [...new Set(all)];
  const linkLocal = (a: string) => a.startsWith('169.254.');
  return [...unique.filter((a) => !linkLocal(a)), ...unique.filter(linkLocal)];
}
