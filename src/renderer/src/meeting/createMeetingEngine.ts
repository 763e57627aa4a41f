/**
 * The MeetingEngineFactory the app wires at startup (main.ts → provideMeetingEngine): a real
 * `Meeting` on the request's server, or on the host's own one — the desktop app's embedded
 * server (on this machine), or, in a browser tab, the `parley serve` that served the page.
 */
import type { MeetingEngineFactory, SignalingServer } from './engine';
import { Meeting, type MeetingOptions } from './Meeting';

/** What the host knows about its own server (HostBridge/ServerStatus, narrowed). */
export interface OwnServerInfo {
  kind: 'electron' | 'web';
  /** Electron: the embedded server's status. */
  status: { state: string; port: number | null } | null;
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
  return { host: '127.0.0.1', port: status.port, path: '/', key: 'peerjs', secure: false };
}

/** A factory of real meetings; `ownServer` is asked at each join without a server. */
export function createMeetingEngineFactory(
  ownServer: () => SignalingServer | undefined,
  options: Omit<MeetingOptions, 'server'> = {},
): MeetingEngineFactory {
  return (request) => {
    const server = request.server ?? ownServer();
    return new Meeting(request, server ? { ...options, server } : options);
  };
}
