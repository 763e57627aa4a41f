export { ConnectionType } from '../../../shared/signaling-protocol';

/** Serializations of a DataConnection. Values are PeerJS's, exactly (`MsgPack` as MsgPackPeer). */
export const SerializationType = {
  Binary: 'binary',
  BinaryUTF8: 'binary-utf8',
  JSON: 'json',
  None: 'raw',
  MsgPack: 'MsgPack',
} as const;
export type SerializationType = (typeof SerializationType)[keyof typeof SerializationType];

/** PeerJS log levels for the `debug` option. */
export const LogLevel = { Disabled: 0, Errors: 1, Warnings: 2, All: 3 } as const;
export type LogLevel = (typeof LogLevel)[keyof typeof LogLevel];

/** Options of `new Peer(id?, options?)`. Defaults in brackets follow PeerJS 1.5. */
export interface PeerOptions {
  /** Server host [`0.peerjs.com`]; `/` means the page's host. Parley always passes its own. */
  host?: string;
  /** Server port [443]. */
  port?: number;
  /** Server path [`/`]. */
  path?: string;
  /** API key [`peerjs`]. */
  key?: string;
  /** Use wss/https [true for the cloud host, else the page's protocol]. */
  secure?: boolean;
  /** Token that proves ownership of the id across reconnects [random]. */
  token?: string;
  /** RTCPeerConnection configuration [PeerJS's public STUN/TURN]. Parley passes its own. */
  config?: RTCConfiguration;
  /** Heartbeat period in ms [5000]. */
  pingInterval?: number;
  /** Log level 0-3 [0]. */
  debug?: LogLevel;
  /** Referrer policy of the id request [`strict-origin-when-cross-origin`]. */
  referrerPolicy?: ReferrerPolicy;
  /** Log sink instead of the console. */
  logFunction?: (level: LogLevel, ...rest: unknown[]) => void;
  /** Parley: ms before connect()/call() give up with a `timeout` error [30000; 0 = never]. */
  connectTimeout?: number;
  /** Parley: reconnect to the server automatically after an unexpected loss [true]. */
  autoReconnect?: boolean;
  /** Parley: first reconnect delay in ms, doubled up to `reconnectMaxDelay` [500]. */
  reconnectDelay?: number;
  /** Parley: largest reconnect delay in ms [10000]. */
  reconnectMaxDelay?: number;
}

/** Options of `peer.connect(id, options)`. */
export interface PeerConnectOption {
  /** Label of the data channel [the connection id]. */
  label?: string;
  /** Any JSON value handed to the remote side. */
  metadata?: unknown;
  /** Serialization [`binary`]. */
  serialization?: SerializationType | 'default';
  /** Ordered delivery (PeerJS semantics: `false` gives an unordered channel) [false]. */
  reliable?: boolean;
  /** Parley: ms before the connection gives up [Peer's connectTimeout]. */
  timeout?: number;
}

/** Options of `peer.call(id, stream, options)`. */
export interface CallOption {
  /** Any JSON value handed to the remote side. */
  metadata?: unknown;
  /** Rewrites the local SDP before it is applied and sent. */
  sdpTransform?: (sdp: string) => string | undefined;
  /** Parley: ms before the call gives up [Peer's connectTimeout]. */
  timeout?: number;
}

/** Options of `mediaConnection.answer(stream, options)`. */
export interface AnswerOption {
  sdpTransform?: (sdp: string) => string | undefined;
}

export type { Frame, Serializer, FrameDecoder, DecoderSink } from './serialization/types';
import type { Serializer } from './serialization/types';

/** Builds the serializer of a serialization name; undefined when the name is unknown. */
export type CodecFactory = (serialization: string) => Serializer | undefined;
