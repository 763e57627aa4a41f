/**
 * Where a meeting is and what its server hands out, before we register there:
 * - `locateMeeting`: asks several signaling servers at once (the app's own, those found on the
 *   LAN) which one has members of the meeting, each with a short timeout;
 * - `readServerConfig`: `GET {path}parley/config` of the meeting's server (the ICE servers it
 *   hands to every client, and its key), never failing: a plain `peer` server has no such route.
 * - `mergeIceServers`: the user's own ICE servers and the server's, each once.
 */
import { parseServerConfigBody } from '../../../shared/server-config';
import { MeetingError, type SignalingServer } from './engine';
import { MemberLookup, serverBaseUrl } from './MemberLookup';

export interface LocateOptions {
  fetch?: typeof fetch;
  /** Per server. Default 3000 ms. */
  timeoutMs?: number;
}

/** The outcome of asking every candidate server. */
export type LocateResult =
  | { found: true; server: SignalingServer; members: string[] }
  | { found: false; asked: number; answered: number; errors: MeetingError[] };

/** The same server (host, port, path) given twice is asked once; the first one wins. */
export function uniqueServers(servers: readonly SignalingServer[]): SignalingServer[] {
  const seen = new Set<string>();
  return servers.filter((s) => {
    const id = serverBaseUrl(s).toLowerCase();
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * Asks every server in parallel for the members of the meeting with `prefix`. Resolves as soon
 * as one server lists members; otherwise once all have answered or failed.
 */
export function locateMeeting(
  candidates: readonly SignalingServer[],
  prefix: string,
  options: LocateOptions = {},
): Promise<LocateResult> {
  const servers = uniqueServers(candidates);
  const errors: MeetingError[] = [];
  let answered = 0;
  let pending = servers.length;
  return new Promise<LocateResult>((resolve) => {
    if (pending === 0) resolve({ found: false, asked: 0, answered: 0, errors });
    for (const server of servers) {
      const lookup = new MemberLookup(server, {
        timeoutMs: options.timeoutMs ?? 3000,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
      lookup
        .members(prefix)
        .then(
          (members) => {
            answered += 1;
            if (members.length > 0) resolve({ found: true, server, members });
          },
          (error: unknown) => {
            errors.push(
              error instanceof MeetingError
                ? error
                : new MeetingError('server-unreachable', String(error), { cause: error }),
            );
          },
        )
        .finally(() => {
          pending -= 1;
          if (pending === 0) resolve({ found: false, asked: servers.length, answered, errors });
        });
    }
  });
}

/** What a meeting server hands to clients (empty when it says nothing). */
export interface ServerConfigInfo {
  iceServers: RTCIceServer[];
  /** The server's own key, when it names a valid one. */
  key?: string;
}

/**
 * Reads `{path}parley/config`; resolves with nothing on any failure (absent route, timeout,
 * invalid JSON or ICE servers), reported to `log`.
 */
export async function readServerConfig(
  server: SignalingServer,
  options: {
    fetch?: typeof fetch;
    timeoutMs?: number;
    log?: (message: string, detail?: unknown) => void;
  } = {},
): Promise<ServerConfigInfo> {
  const doFetch = options.fetch ?? fetch.bind(globalThis);
  try {
    const response = await doFetch(`${serverBaseUrl(server)}parley/config`, {
      cache: 'no-store',
      signal: AbortSignal.timeout(options.timeoutMs ?? 2000),
    });
    if (!response.ok) return { iceServers: [] }; // a plain `peer` server: no config route
    const config = parseServerConfigBody(await response.json());
    const iceServers = config.iceServers.map((s) => ({ ...s, urls: [...s.urls] }));
    return config.key ? { iceServers, key: config.key } : { iceServers };
  } catch (error) {
    options.log?.('the meeting server’s config could not be read', error);
    return { iceServers: [] };
  }
}

/** The same STUN/TURN server given twice (settings and the host) is used once; order kept. */
export function mergeIceServers(...lists: readonly (readonly RTCIceServer[])[]): RTCIceServer[] {
  const seen = new Set<string>();
  return lists.flat().filter((s) => {
    const urls = (Array.isArray(s.urls) ? [...s.urls] : [s.urls]).map((u) => u.trim());
    const key = JSON.stringify([urls.sort(), s.username ?? '', s.credential ?? '']);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Where to look for a meeting, and how. */
export interface PickServerOptions extends LocateOptions {
  /** The formatted code (for messages) and the id prefix of its members. */
  code: string;
  prefix: string;
  create: boolean;
  /** The request's server, or the app's own; where a new meeting is created. */
  server: SignalingServer | undefined;
  /** Other servers a joiner looks on (found on the LAN); ignored when creating. */
  search: readonly SignalingServer[];
}

/**
 * The server to meet on: the given one when creating or when it is the only place to look;
 * else whichever of it and `search` has members of the meeting (asked in parallel).
 * @throws MeetingError 'server-unreachable' (nowhere to look, nobody answered) or
 * 'meeting-not-found' (the servers that answered have no member).
 */
export async function pickServer(o: PickServerOptions): Promise<SignalingServer> {
  const candidates = uniqueServers(o.server ? [o.server, ...(o.create ? [] : o.search)] : o.search);
  const only = candidates.length === 1 ? candidates[0] : undefined;
  if (o.create ? !o.server : candidates.length === 0) {
    throw new MeetingError(
      'server-unreachable',
      'No meeting server: turn hosting on in Settings, or join a meeting found on the LAN.',
    );
  }
  if (o.create && o.server) return o.server;
  if (only) return only; // the engine's own members check says what is missing there
  const result = await locateMeeting(candidates, o.prefix, o);
  if (result.found) return result.server;
  if (result.answered === 0) {
    throw new MeetingError(
      'server-unreachable',
      `None of the ${result.asked} meeting servers (this computer’s and those found on your network) could be reached.`,
      { cause: result.errors[0] },
    );
  }
  throw new MeetingError(
    'meeting-not-found',
    `No meeting ${o.code} is running on any of the ${result.answered} meeting servers on your network. Check the code, or start a new meeting.`,
  );
}
