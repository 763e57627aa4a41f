/**
 * ICE server (STUN/TURN) configuration: URL syntax per RFC 7064 (stun:, stuns:) and RFC 7065
 * (turn:, turns:), and the credential rules browsers enforce (a TURN server needs a username and
 * a credential, or RTCPeerConnection throws). Pure: used by `parley serve` and by app settings.
 */

/** One ICE server, as handed to RTCPeerConnection (`urls` normalized to an array). */
export interface IceServer {
  readonly urls: readonly string[];
  readonly username?: string;
  readonly credential?: string;
}

export type IceScheme = 'stun' | 'stuns' | 'turn' | 'turns';

/** A parsed ICE server URL. */
export interface IceUrl {
  readonly scheme: IceScheme;
  /** Host name, IPv4 address, or IPv6 address without brackets. */
  readonly host: string;
  /** Explicit port, if given. */
  readonly port?: number;
  /** `?transport=` of a TURN URL, if given. */
  readonly transport?: 'udp' | 'tcp';
}

/** Thrown for an invalid ICE configuration; `path` says where (e.g. `iceServers[1].urls[0]`). */
export class IceConfigError extends Error {
  override readonly name = 'IceConfigError';
  readonly type = 'invalid-ice-config';

  constructor(
    readonly path: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}: ${reason}`, options);
  }
}

/** Longest URL / username / credential accepted (generous; guards against junk). */
export const MAX_ICE_FIELD_LENGTH = 512;
/** Most ICE servers in one configuration (browsers slow down with many). */
export const MAX_ICE_SERVERS = 32;
/** Most URLs of one ICE server. */
export const MAX_ICE_URLS_PER_SERVER = 16;

const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const IPV6 = /^[0-9A-Fa-f:.]{2,45}$/;

/** Parses one ICE URL; throws IceConfigError (with `path`) when it is not valid. */
export function parseIceUrl(url: string, path = 'url'): IceUrl {
  const fail = (reason: string): never => {
    throw new IceConfigError(path, `${reason} (got ${JSON.stringify(url.slice(0, 80))})`);
  };
  if (url.length === 0 || url.length > MAX_ICE_FIELD_LENGTH) fail('must be 1-512 characters');
  const match = /^(stuns?|turns?):([^?]*)(?:\?(.*))?$/i.exec(url);
  if (!match) return fail('must start with stun:, stuns:, turn: or turns:');
  const scheme = (match[1] ?? '').toLowerCase() as IceScheme;
  const authority = match[2] ?? '';
  const query = match[3];
  if (authority.startsWith('//')) fail('must not contain "//" (write stun:host:port)');

  let host: string;
  let portText: string | undefined;
  if (authority.startsWith('[')) {
    const end = authority.indexOf(']');
    if (end < 0) return fail('has an unclosed [IPv6] address');
    host = authority.slice(1, end);
    const rest = authority.slice(end + 1);
    if (rest !== '' && !rest.startsWith(':')) fail('has junk after the [IPv6] address');
    portText = rest === '' ? undefined : rest.slice(1);
    if (!IPV6.test(host) || !host.includes(':')) fail('has an invalid IPv6 address');
  } else {
    const parts = authority.split(':');
    if (parts.length > 2) fail('needs brackets around an IPv6 address');
    host = parts[0] ?? '';
    portText = parts[1];
    if (!IPV4.test(host) && !HOST_NAME.test(host)) fail('has an invalid host');
  }
  let port: number | undefined;
  if (portText !== undefined) {
    port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
    if (!(port >= 1 && port <= 65535)) fail('has an invalid port (1-65535)');
  }

  let transport: 'udp' | 'tcp' | undefined;
  if (query !== undefined) {
    if (scheme === 'stun' || scheme === 'stuns') fail('STUN URLs take no query');
    const t = /^transport=(udp|tcp)$/i.exec(query);
    if (!t) return fail('query must be ?transport=udp or ?transport=tcp');
    transport = (t[1] ?? '').toLowerCase() as 'udp' | 'tcp';
  }
  return {
    scheme,
    host,
    ...(port !== undefined ? { port } : {}),
    ...(transport !== undefined ? { transport } : {}),
  };
}

function optionalString(value: unknown, path: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new IceConfigError(path, 'must be a string');
  if (value.length === 0 || value.length > MAX_ICE_FIELD_LENGTH) {
    throw new IceConfigError(path, 'must be 1-512 characters');
  }
  return value;
}

/** Validates one RTCIceServer-shaped value. */
export function validateIceServer(input: unknown, path = 'iceServer'): IceServer {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new IceConfigError(path, 'must be an object with "urls"');
  }
  const record = input as Readonly<Record<string, unknown>>;
  for (const key of Object.keys(record)) {
    if (key !== 'urls' && key !== 'username' && key !== 'credential' && key !== 'credentialType') {
      throw new IceConfigError(`${path}.${key}`, 'unknown field');
    }
  }
  if (record.credentialType !== undefined && record.credentialType !== 'password') {
    throw new IceConfigError(`${path}.credentialType`, 'only "password" is supported');
  }
  const rawUrls = record.urls;
  const urls = typeof rawUrls === 'string' ? [rawUrls] : rawUrls;
  if (!Array.isArray(urls) || urls.length === 0) {
    throw new IceConfigError(`${path}.urls`, 'must be a URL or a non-empty array of URLs');
  }
  if (urls.length > MAX_ICE_URLS_PER_SERVER) {
    throw new IceConfigError(`${path}.urls`, `at most ${MAX_ICE_URLS_PER_SERVER} URLs per server`);
  }
  const parsed = urls.map((url: unknown, i) => {
    const at = typeof rawUrls === 'string' ? `${path}.urls` : `${path}.urls[${i}]`;
    if (typeof url !== 'string') throw new IceConfigError(at, 'must be a string');
    return { url, parsed: parseIceUrl(url, at) };
  });
  const username = optionalString(record.username, `${path}.username`);
  const credential = optionalString(record.credential, `${path}.credential`);
  const turn = parsed.some((p) => p.parsed.scheme === 'turn' || p.parsed.scheme === 'turns');
  if (turn && (username === undefined || credential === undefined)) {
    throw new IceConfigError(path, 'a TURN server needs both "username" and "credential"');
  }
  return {
    urls: parsed.map((p) => p.url),
    ...(username !== undefined ? { username } : {}),
    ...(credential !== undefined ? { credential } : {}),
  };
}

/**
 * Validates an ICE configuration: an array of RTCIceServer, or `{ iceServers: [...] }` (the
 * shape of an RTCConfiguration and of the server's config route).
 */
export function validateIceServers(input: unknown): IceServer[] {
  const list: unknown =
    typeof input === 'object' && input !== null && !Array.isArray(input) && 'iceServers' in input
      ? input.iceServers
      : input;
  if (!Array.isArray(list)) {
    throw new IceConfigError('iceServers', 'must be an array (or an object with "iceServers")');
  }
  if (list.length > MAX_ICE_SERVERS) {
    throw new IceConfigError('iceServers', `at most ${MAX_ICE_SERVERS} servers`);
  }
  return list.map((server: unknown, i) => validateIceServer(server, `iceServers[${i}]`));
}
