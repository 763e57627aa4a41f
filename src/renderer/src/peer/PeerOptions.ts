import { LogLevel, type PeerOptions } from './types';
import { util } from './util';

/** PeerJS's cloud server and public ICE servers: the standalone defaults (Parley passes its own). */
export const CLOUD_HOST = '0.peerjs.com';
export const CLOUD_PORT = 443;
export const DEFAULT_KEY = 'peerjs';
export const DEFAULT_CONFIG: RTCConfiguration = {
  iceServers: [
    { urls: 'stun:stun.l.google.com:19302' },
    {
      urls: ['turn:eu-0.turn.peerjs.com:3478', 'turn:us-0.turn.peerjs.com:3478'],
      username: 'peerjs',
      credential: 'peerjsp',
    },
  ],
};

/** Options with every default applied. */
export type ResolvedPeerOptions = Required<Omit<PeerOptions, 'logFunction'>> &
  Pick<PeerOptions, 'logFunction'>;

/** Applies PeerJS's defaults and normalisations (path slashes, `/` host, `secure`). */
export function resolvePeerOptions(options: PeerOptions): ResolvedPeerOptions {
  const host =
    options.host === '/' && typeof location !== 'undefined'
      ? location.hostname
      : (options.host ?? CLOUD_HOST);
  let path = options.path ?? '/';
  if (!path.startsWith('/')) path = `/${path}`;
  if (!path.endsWith('/')) path = `${path}/`;
  const secure = host === CLOUD_HOST ? true : (options.secure ?? util.isSecure());
  return {
    host,
    port: options.port ?? CLOUD_PORT,
    path,
    key: options.key ?? DEFAULT_KEY,
    secure,
    token: options.token ?? util.randomToken(),
    config: options.config ?? DEFAULT_CONFIG,
    pingInterval: options.pingInterval ?? 5000,
    debug: options.debug ?? LogLevel.Disabled,
    referrerPolicy: options.referrerPolicy ?? 'strict-origin-when-cross-origin',
    logFunction: options.logFunction,
    connectTimeout: options.connectTimeout ?? 30_000,
    autoReconnect: options.autoReconnect ?? true,
    reconnectDelay: options.reconnectDelay ?? 500,
    reconnectMaxDelay: options.reconnectMaxDelay ?? 10_000,
  };
}
