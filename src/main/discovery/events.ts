/** Event maps of the discovery emitters (Node's typed EventEmitter). */
import type { DiscoveryError } from './errors';
import type { DiscoveredMeeting } from './types';

export interface MdnsTransportEvents {
  /** The mDNS socket failed or warned; each distinct problem is reported once. */
  error: [error: DiscoveryError];
}

export interface MeetingAdvertiserEvents {
  /** Our advert went out on the link, under `instanceName` (renamed if the name was taken). */
  published: [instanceName: string];
  /** Discovery failed; the server keeps running without it. */
  error: [error: DiscoveryError];
}

/** Why an advert of our service type was ignored. */
export interface InvalidAdvert {
  readonly id: string;
  readonly reason: string;
}

export interface MeetingBrowserEvents {
  /** A meeting appeared on the LAN. */
  up: [meeting: DiscoveredMeeting];
  /** A known meeting changed its address, port, name or settings. */
  update: [meeting: DiscoveredMeeting];
  /** A meeting left (goodbye packet) or stopped answering for `staleAfterMs`. */
  down: [meeting: DiscoveredMeeting];
  /** An advert of our service type could not be understood and was ignored. */
  invalid: [advert: InvalidAdvert];
  /** Discovery failed or a packet could not be handled; browsing continues where it can. */
  error: [error: DiscoveryError];
}
