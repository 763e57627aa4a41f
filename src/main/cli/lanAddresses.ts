/** The machine's LAN addresses, for the startup banner and the self-signed certificate. */
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

/** Non-internal IPv4 addresses, in interface order, without duplicates. */
export function lanIPv4Addresses(
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces(),
): string[] {
  const out = new Set<string>();
  for (const infos of Object.values(interfaces)) {
    for (const info of infos ?? []) {
      if (info.family === 'IPv4' && !info.internal) out.add(info.address);
    }
  }
  return [...out];
}

/** `http://host:port/path` with IPv6 hosts in brackets. */
export function formatUrl(
  scheme: 'http' | 'https',
  host: string,
  port: number,
  path: string,
): string {
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}${path}`;
}
