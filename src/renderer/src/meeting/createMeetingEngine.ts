/**
 * The MeetingEngineFactory the app wires at startup (main.ts → provideMeetingEngine): a real
 * `Meeting` on the request's server, or on the host's own one — the desktop app's embedded
 * server (on this machine), or, in a browser tab, the `parley serve` that served the page. A
 * join by code without a server also looks on the servers found on the LAN (`search`).
 */
import type { MeetingEngineFactory, SignalingServer } from './engine';
import { Meeting, type MeetingOptions } from './Meeting';

/** What the host knows about its own server (HostBridge/ServerStatus, narrowed). */
export interface OwnServerInfo {
  kind: 'electron' | 'web';
  /** Electron: the embedded server's status (path and key as it reports them). */
  status: { state: string; port: number | null; path?: string; key?: string } | null;
  /** Web: the page's location. */
  location: Pick<Location, 'hostname' | 'port' | 'protocol'> | undefined;
}

/** The server a meeting uses when the request names none; undefined when there is none. */
export function ownSignalingServer(info: OwnServerInfo): SignalingServer | undefined {
  if (info.kind === 'web') {
    const loc = info.location;
    if (!loc || !/^https?:$/.test(loc.protocol)) return undefined;
    const secure = loc.protocol === 'https:';
    return {
      host: loc.hostname,
      port: Number(loc.port || (secure ? 443 : 80)),
      path: '/',
      key: 'peerjs',
      secure,
    };
  }
  const status = info.status;
  if (status?.state !== 'running' || status.port === null) return undefined;
  return {
    host: '127.0.0.1',
    port: status.port,
    path: status.path ?? '/',
    key: status.key ?? 'peerjs',
    secure: false,
  };
}

/** The signaling servers of meetings found on the LAN (first address of each), for a join by code. */
export function lanSignalingServers(
  meetings: readonly {
    host: string;
    addresses: readonly string[];
    port: number;
    path: string;
    key: string;
    secure: boolean;
  }[],
): SignalingServer[] {
  return meetings.map((m) => ({
    host: m.addresses[0] ?? m.host,
    port: m.port,
    path: m.path,
    key: m.key,
    secure: m.secure,
  }));
}

/**
 * A factory of real meetings; `ownServer` is asked at each join without a server, and `search`
 * (the LAN's servers) at each join by code without a server.
 */
export function createMeetingEngineFactory(
  ownServer: () => SignalingServer | undefined,
  options: Omit<MeetingOptions, 'server' | 'search'> = {},
  search: () => readonly SignalingServer[] = () => [],
): MeetingEngineFactory {
  return (request) => {
    if (request.server) return new Meeting(request, { ...options, server: request.server });
    const server = ownServer();
    const others = request.create ? [] : search();
    return new Meeting(request, {
      ...options,
      ...(server ? { server } : {}),
      ...(others.length > 0 ? { search: others } : {}),
    });
  };
}
