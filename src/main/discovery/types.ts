/** Data types of LAN discovery (mDNS/DNS-SD). */

/** The DNS-SD service type Parley meetings are advertised under: `_parley._tcp.local`. */
export const SERVICE_TYPE = 'parley';

/** Version of the TXT record layout below; browsers ignore adverts with another `txtvers`. */
export const TXT_VERSION = '1';

/** Version of the signaling protocol the advertised server speaks (PeerJS 1.x wire format). */
export const PROTOCOL_VERSION = '1';

/** How the mDNS socket is set up (passed on to multicast-dns through bonjour-service). */
export interface DiscoveryOptions {
  /** IPv4 address of the interface to send and join the multicast group on; default: all. */
  readonly interface?: string;
  /**
   * Address the UDP socket binds to. Default: `0.0.0.0` when `interface` is set (on Linux and
   * macOS a socket bound to a unicast address does not receive multicast), else multicast-dns's
   * own default.
   */
  readonly bind?: string;
  /** Multicast TTL; default 255 (mDNS packets never leave the link anyway). */
  readonly ttl?: number;
  /** Whether our own multicast packets are looped back to us; default true. */
  readonly loopback?: boolean;
}

/** What a server advertises about its meeting. */
export interface MeetingAdvert {
  /** Human-readable meeting name, shown to people browsing the LAN. */
  readonly name: string;
  /** TCP port of the HTTP(S) + WebSocket server. */
  readonly port: number;
  /** PeerJS server path, e.g. `/`. Always starts and ends with `/`. */
  readonly path: string;
  /** PeerJS key (not a secret: every client sends it in the socket URL). */
  readonly key: string;
  /** True when the server speaks HTTPS/WSS. */
  readonly secure: boolean;
  /** SRV target host name; default: this machine's host name. */
  readonly host?: string;
}

/** A meeting found on the LAN. */
export interface DiscoveredMeeting {
  /** Stable identity of the advert (its DNS-SD full name), unique on the link. */
  readonly id: string;
  /** Meeting name (from the TXT record; the instance name if that is missing). */
  readonly name: string;
  /** Host name from the SRV record. */
  readonly host: string;
  /** IP addresses of the host (A/AAAA records, else the address the answer came from). */
  readonly addresses: readonly string[];
  readonly port: number;
  readonly path: string;
  readonly key: string;
  readonly secure: boolean;
  /** Signaling protocol version the server speaks. */
  readonly protocolVersion: string;
}
