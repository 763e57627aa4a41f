import { PEERJS_VERSION } from './SignalingSocket';

export interface ServerApiOptions {
  secure: boolean;
  host: string;
  port: number;
  path: string;
  key: string;
  referrerPolicy: ReferrerPolicy;
}

/** The server's HTTP routes the client uses: `GET {path}{key}/id`. */
export class ServerApi {
  readonly #options: ServerApiOptions;
  readonly #fetch: typeof fetch;

  constructor(options: ServerApiOptions, fetchImpl: typeof fetch = fetch.bind(globalThis)) {
    this.#options = options;
    this.#fetch = fetchImpl;
  }

  /** Asks the server for a fresh id. Throws an Error saying why on any failure. */
  async retrieveId(signal?: AbortSignal): Promise<string> {
    const { secure, host, port, path, key, referrerPolicy } = this.#options;
    const url = new URL(`${secure ? 'https' : 'http'}://${host}:${port}${path}${key}/id`);
    url.searchParams.set('ts', `${Date.now()}${Math.random()}`);
    url.searchParams.set('version', PEERJS_VERSION);
    let response: Response;
    try {
      response = await this.#fetch(url.href, { referrerPolicy, signal: signal ?? null });
    } catch (error) {
      throw new Error(`Could not get an ID from the server at ${url.origin}`, { cause: error });
    }
    if (response.status !== 200) {
      throw new Error(`Could not get an ID from the server: HTTP ${response.status}`);
    }
    const id = (await response.text()).trim();
    if (id === '') throw new Error('The server returned an empty ID');
    return id;
  }
}
