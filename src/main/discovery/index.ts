/** LAN discovery of Parley meetings over mDNS/DNS-SD. Pure Node (no Electron). */
export { MdnsTransport, multicastOptions } from './MdnsTransport';
export type { BonjourLike } from './MdnsTransport';
export { MeetingAdvertiser, freeInstanceName } from './MeetingAdvertiser';
export type { MeetingAdvertiserOptions } from './MeetingAdvertiser';
export { MeetingBrowser } from './MeetingBrowser';
export type { MeetingBrowserOptions } from './MeetingBrowser';
export { DiscoveryError } from './errors';
export type { DiscoveryErrorType } from './errors';
export type {
  InvalidAdvert,
  MdnsTransportEvents,
  MeetingAdvertiserEvents,
  MeetingBrowserEvents,
} from './events';
export { PROTOCOL_VERSION, SERVICE_TYPE, TXT_VERSION } from './types';
export type { DiscoveredMeeting, DiscoveryOptions, MeetingAdvert } from './types';
