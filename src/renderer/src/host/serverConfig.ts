/**
 * Reads GET {path}parley/config of the `parley serve` a web page came from (untrusted JSON,
 * checked field by field): the meeting server (the page's own host and port, the server's path
 * and key), its ICE servers, and the meeting it hosts as LAN discovery names it.
 */
import type { LanMeeting } from '../../../shared/ipc-contract';
import { parseServerConfigBody } from '../../../shared/server-config';
import type { MeetingServerConfig } from './HostBridge';

export interface PageServer {
  readonly hostname: string;
  readonly port: string;
  readonly protocol: string;
}

export interface ServerConfig extends MeetingServerConfig {
  /** The server's meeting, fit for the lobby's LAN list; undefined when the server names none. */
  readonly meeting: LanMeeting | undefined;
}

/** @throws IceConfigError when the ICE servers are invalid. */
export function parseServerConfig(body: unknown, page: PageServer, folder: string): ServerConfig {
  const config = parseServerConfigBody(body);
  const path = config.path ?? folder;
  const key = config.key ?? 'peerjs';
  const secure = page.protocol === 'https:';
  const server = {
    host: page.hostname,
    port: Number(page.port || (secure ? 443 : 80)),
    path,
    key,
    secure,
  };
  const meeting = config.meeting
    ? {
        ...config.meeting,
        host: server.host,
        addresses: [server.host],
        port: server.port,
        path,
        key,
        secure,
        protocolVersion: '1',
      }
    : undefined;
  return { server, iceServers: config.iceServers, meeting };
}
