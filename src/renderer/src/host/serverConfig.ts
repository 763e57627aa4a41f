/**
 * Reads GET {path}parley/config of the `parley serve` a web page came from (untrusted JSON,
 * checked field by field): the meeting server (the page's own host and port, the server's path
 * and key), its ICE servers, and the meeting it hosts as LAN discovery names it.
 */
import { validateIceServers } from '../../../shared/ice';
import type { LanMeeting } from '../../../shared/ipc-contract';
import type { MeetingServerConfig } from './HostBridge';

const KEY = /^[A-Za-z0-9._~-]{1,128}$/;
const PATH = /^\/(?:[A-Za-z0-9._~-]+\/)*$/;
const MAX_TEXT = 256;

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
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const iceServers = validateIceServers(record.iceServers ?? []);
  const path = typeof record.path === 'string' && PATH.test(record.path) ? record.path : folder;
  const key = typeof record.key === 'string' && KEY.test(record.key) ? record.key : 'peerjs';
  const secure = page.protocol === 'https:';
  const server = {
    host: page.hostname,
    port: Number(page.port || (secure ? 443 : 80)),
    path,
    key,
    secure,
  };
  const m =
    typeof record.meeting === 'object' && record.meeting !== null
      ? (record.meeting as Record<string, unknown>)
      : {};
  const meeting =
    isText(m.id) && isText(m.name)
      ? {
          id: m.id,
          name: m.name,
          host: server.host,
          addresses: [server.host],
          port: server.port,
          path,
          key,
          secure,
          protocolVersion: '1',
        }
      : undefined;
  return { server, iceServers, meeting };
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= MAX_TEXT;
}
