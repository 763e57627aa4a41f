/**
 * Counts, with nftables in each LAN host's namespace, every packet it sends anywhere but the
 * LAN (10.77.0.0/24, link-local multicast such as mDNS, IPv6 link-local) and remembers the
 * destinations: the proof that Parley (and Chromium under it) keeps to the LAN.
 */
import { inHost, type LanHost } from './LanSim';

const TABLE = 'parley_lan';

const RULESET = `
table inet ${TABLE} {
  set off4 { type ipv4_addr; flags dynamic; }
  set off6 { type ipv6_addr; flags dynamic; }
  chain out {
    type filter hook output priority 0; policy accept;
    oifname "lo" accept
    ip daddr 10.77.0.0/24 meta l4proto udp counter comment "lan-udp"
    ip daddr { 10.77.0.0/24, 224.0.0.0/24, 239.255.255.250, 255.255.255.255 } accept
    ip6 daddr { fe80::/10, ff02::/16 } accept
    meta nfproto ipv4 add @off4 { ip daddr } counter comment "off-lan-v4"
    meta nfproto ipv6 add @off6 { ip6 daddr } counter comment "off-lan-v6"
  }
}
`;

export interface OffLanReport {
  readonly host: LanHost;
  readonly packets: number;
  readonly destinations: readonly string[];
  /** UDP packets sent to other LAN hosts (WebRTC media goes host to host). */
  readonly lanUdpPackets: number;
}

/** Installs the counters in each host (fresh: zero). */
export function installOffLanCounters(hosts: readonly LanHost[]): void {
  for (const host of hosts) {
    // `add` then `delete` clears a table left by an earlier run; then the ruleset loads fresh.
    inHost(
      host,
      'nft',
      ['-f', '-'],
      `add table inet ${TABLE}\ndelete table inet ${TABLE}\n${RULESET}`,
    );
  }
}

/** Reads what each host sent off the LAN since installOffLanCounters. */
export function readOffLanCounters(hosts: readonly LanHost[]): OffLanReport[] {
  return hosts.map((host) => {
    const text = inHost(host, 'nft', ['list', 'table', 'inet', TABLE]);
    const packets = [...text.matchAll(/counter packets (\d+) bytes \d+ comment "off-lan-v[46]"/g)]
      .map((m) => Number(m[1]))
      .reduce((a, b) => a + b, 0);
    const sets = [...text.matchAll(/elements = \{([^}]*)\}/g)].map((m) => m[1] ?? '');
    const destinations = sets
      .flatMap((s) => s.split(','))
      .map((s) => s.trim().split(/\s/)[0] ?? '')
      .filter((s) => s !== '');
    const lanUdp = /counter packets (\d+) bytes \d+ comment "lan-udp"/.exec(text);
    return { host, packets, destinations, lanUdpPackets: Number(lanUdp?.[1] ?? 0) };
  });
}
