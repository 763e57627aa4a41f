/** Errors a Peer emits. Values are PeerJS's, exactly. */
export const PeerErrorType = {
  /** The browser does not support some or all WebRTC features that you are trying to use. */
  BrowserIncompatible: 'browser-incompatible',
  /** The peer is disconnected from the server and can no longer make new connections. */
  Disconnected: 'disconnected',
  /** The id passed into the Peer constructor contains illegal characters. */
  InvalidID: 'invalid-id',
  /** The API key is not the server's key. */
  InvalidKey: 'invalid-key',
  /** Lost or cannot establish a connection to the signalling server. */
  Network: 'network',
  /** The peer you are trying to connect to does not exist (or did not answer). */
  PeerUnavailable: 'peer-unavailable',
  /** The page is secure but the server does not support TLS. */
  SslUnavailable: 'ssl-unavailable',
  /** Unable to reach the server, or the server reported an error. */
  ServerError: 'server-error',
  /** An error from the underlying socket. */
  SocketError: 'socket-error',
  /** The underlying socket closed unexpectedly. */
  SocketClosed: 'socket-closed',
  /** The id passed into the Peer constructor is already taken. */
  UnavailableID: 'unavailable-id',
  /** A native WebRTC error. */
  WebRTC: 'webrtc',
} as const;
export type PeerErrorType = (typeof PeerErrorType)[keyof typeof PeerErrorType];

/** Errors any connection emits (PeerJS values, plus Parley's `timeout` and `peer-unavailable`). */
export const BaseConnectionErrorType = {
  /** ICE failed and could not be restarted. */
  NegotiationFailed: 'negotiation-failed',
  /** The connection was closed by the network. */
  ConnectionClosed: 'connection-closed',
  /** Parley: the remote peer is not on the server (the server expired our offer). */
  PeerUnavailable: 'peer-unavailable',
  /** Parley: the connection did not open within its timeout. */
  Timeout: 'timeout',
  /** Parley: a WebRTC call failed (SDP, candidates, tracks). */
  WebRTC: 'webrtc',
  /** Parley: the Peer cannot signal (disconnected or destroyed). */
  Disconnected: 'disconnected',
  /** Parley: the operation needs renegotiation and the remote peer is not a Parley client. */
  RenegotiationUnsupported: 'renegotiation-unsupported',
} as const;
export type BaseConnectionErrorType =
  (typeof BaseConnectionErrorType)[keyof typeof BaseConnectionErrorType];

/** Errors a DataConnection emits. */
export const DataConnectionErrorType = {
  /** send() was called before the `open` event. */
  NotOpenYet: 'not-open-yet',
  /** The message cannot be sent with this serialization (too big for json or raw). */
  MessageToBig: 'message-too-big',
  /** Parley: a frame from the remote side could not be decoded. */
  DecodeFailed: 'decode-failed',
  /** Parley: the value cannot be encoded with this serialization. */
  EncodeFailed: 'encode-failed',
} as const;
export type DataConnectionErrorType =
  (typeof DataConnectionErrorType)[keyof typeof DataConnectionErrorType];

export type ConnectionErrorType = BaseConnectionErrorType | DataConnectionErrorType;

export interface PeerErrorOptions {
  /** The underlying error (a DOMException from WebRTC, a socket event, ...). */
  cause?: unknown;
  /** The remote peer id the error is about, when there is one. */
  peer?: string;
}

/**
 * The one error class of the library: `type` is the PeerJS error type string, `peer` the remote
 * id when the error concerns one, `cause` the underlying error.
 */
export class PeerError<T extends string = PeerErrorType | ConnectionErrorType> extends Error {
  override readonly name = 'PeerError';
  readonly type: T;
  readonly peer: string | undefined;

  constructor(type: T, message: string, options: PeerErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.type = type;
    this.peer = options.peer;
  }
}

/** A readable message for anything thrown (DOMException, Error, string, event). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  if (typeof error === 'string') return error;
  return 'Unknown error';
}
