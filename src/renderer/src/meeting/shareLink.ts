/**
 * The link others use to join the meeting we are in: in a browser tab served by the meeting's
 * server, the page's own `…/#/join/<code>` (that server serves the web app); elsewhere
 * `parley://join/<code>?host=..&port=..&path=..&key=..&secure=..` naming the meeting's server at
 * an address others can reach (a LAN address instead of this machine's loopback).
 */
import type { SignalingServer } from './engine';
import { MeetingCode } from './MeetingCode';

/** The page the app runs in (window.location, narrowed). */
export interface SharePage {
  readonly protocol: string;
  readonly origin: string;
  readonly pathname: string;
  readonly hostname: string;
  readonly port: string;
}

export interface ShareLinkOptions {
  /** This machine's LAN addresses (the hosting server's status), best first. */
  readonly lanAddresses: readonly string[];
  readonly page?: SharePage | undefined;
}

export function shareLink(
  code: string,
  server: SignalingServer | undefined,
  options: ShareLinkOptions,
): string {
  const page = options.page;
  if (page && /^https?:$/.test(page.protocol) && (!server || servesPage(server, page))) {
    return `${page.origin}${page.pathname}#/join/${MeetingCode.parse(code)}`;
  }
  if (!server) return MeetingCode.appLink(code);
  const host = isLoopback(server.host) ? (options.lanAddresses[0] ?? server.host) : server.host;
  return MeetingCode.appLink(code, { ...server, host });
}

/** 127.0.0.0/8, ::1 or localhost: only this machine can use it. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

function servesPage(server: SignalingServer, page: SharePage): boolean {
  const secure = page.protocol === 'https:';
  const port = Number(page.port || (secure ? 443 : 80));
  return (
    server.host.toLowerCase() === page.hostname.toLowerCase().replace(/^\[|\]$/g, '') &&
    server.port === port &&
    server.secure === secure
  );
}
