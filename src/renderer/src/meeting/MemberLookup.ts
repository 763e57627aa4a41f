/**
 * Finds the members of a meeting on its signaling server: `GET {path}{key}/peers` lists every
 * registered id (the server runs with allow_discovery), and members are the ids with the
 * meeting's prefix. The fetch is injected (tests).
 */
import { MeetingError, type SignalingServer } from './engine';
import { MeetingIds } from './MeetingIds';

export interface MemberLookupOptions {
  /** Give up on a request after this many ms. Default 5000. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** The server's base URL, e.g. `http://127.0.0.1:9000/`. */
export function serverBaseUrl(server: SignalingServer): string {
  const host =
    server.host.includes(':') && !server.host.startsWith('[') ? `[${server.host}]` : server.host;
  const path = server.path.endsWith('/') ? server.path : `${server.path}/`;
  return `${server.secure ? 'https' : 'http'}://${host}:${server.port}${path.startsWith('/') ? path : `/${path}`}`;
}

export class MemberLookup {
  readonly #server: SignalingServer;
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;

  constructor(server: SignalingServer, options: MemberLookupOptions = {}) {
    this.#server = server;
    this.#fetch = options.fetch ?? fetch.bind(globalThis);
    this.#timeoutMs = options.timeoutMs ?? 5000;
  }

  /**
   * The ids of the members registered for the meeting whose id prefix is given (without
   * `exceptId`). Throws MeetingError 'server-unreachable' when the server cannot be asked.
   */
  async members(prefix: string, exceptId?: string): Promise<string[]> {
    const url = `${serverBaseUrl(this.#server)}${encodeURIComponent(this.#server.key)}/peers`;
    let response: Response;
    try {
      response = await this.#fetch(url, {
        cache: 'no-store',
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (cause) {
      throw new MeetingError(
        'server-unreachable',
        `The meeting server at ${this.#where()} cannot be reached.`,
        { cause },
      );
    }
    if (response.status === 401) {
      throw new MeetingError(
        'server-unreachable',
        `The server at ${this.#where()} does not list meeting members (start it with allow_discovery).`,
      );
    }
    if (!response.ok) {
      throw new MeetingError(
        'server-unreachable',
        `The meeting server at ${this.#where()} answered HTTP ${response.status}.`,
      );
    }
    const body: unknown = await response.json().catch(() => null);
    if (!Array.isArray(body)) {
      throw new MeetingError('server-unreachable', `${this.#where()} is not a Parley server.`);
    }
    return body.filter(
      (id): id is string =>
        typeof id === 'string' && id !== exceptId && MeetingIds.isMember(id, prefix),
    );
  }

  #where(): string {
    return `${this.#server.host}:${this.#server.port}`;
  }
}
