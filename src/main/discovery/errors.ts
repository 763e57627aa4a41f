/** Errors of LAN discovery. Discovery failing never stops the server: it runs without it. */

/** What went wrong, for logs and for the UI. */
export type DiscoveryErrorType =
  /** The mDNS socket could not be bound (port 5353 taken by a responder without SO_REUSEADDR, or no permission). */
  | 'socket-unavailable'
  /** Joining the multicast group failed (no multicast route, interface without multicast). */
  | 'multicast-unavailable'
  /** Another socket-level problem (send failed, network down); discovery may recover. */
  | 'network'
  /** Publishing our advert failed. */
  | 'publish-failed'
  /** A packet on the link could not be decoded; it was ignored. */
  | 'bad-packet'
  /** A handler for incoming mDNS data threw; the packet was ignored. */
  | 'internal';

export class DiscoveryError extends Error {
  override readonly name = 'DiscoveryError';

  constructor(
    readonly type: DiscoveryErrorType,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** Classifies a socket error or warning reported by multicast-dns. */
  static fromSocket(err: unknown, fatal: boolean): DiscoveryError {
    const e = err instanceof Error ? (err as NodeJS.ErrnoException) : undefined;
    const detail = e ? `${e.code ?? e.name}: ${e.message}` : String(err);
    if (fatal) {
      return new DiscoveryError('socket-unavailable', `mDNS socket unavailable (${detail})`, {
        cause: err,
      });
    }
    if (e?.syscall === 'addMembership' || e?.syscall === 'setMulticastInterface') {
      return new DiscoveryError('multicast-unavailable', `mDNS multicast unavailable (${detail})`, {
        cause: err,
      });
    }
    if (e !== undefined && e.syscall === undefined) {
      return new DiscoveryError('bad-packet', `Ignored an undecodable mDNS packet (${detail})`, {
        cause: err,
      });
    }
    return new DiscoveryError('network', `mDNS network error (${detail})`, { cause: err });
  }
}
