import type { Server as HttpServer, IncomingMessage, ServerResponse } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Logger } from '../logging';
import type { SignalingError } from './errors';

/**
 * Options of the signaling server. Every field has a default (see `DEFAULT_SIGNALING_OPTIONS`);
 * the CLI accepts the peer-style snake_case names given in brackets.
 */
export interface SignalingOptions {
  /** Address to bind [host]. Default '0.0.0.0' (all IPv4 interfaces); tests use '127.0.0.1'. */
  host: string;
  /** TCP port [port]. Default 9000; 0 picks a free port (read it back from `server.port`). */
  port: number;
  /** URL prefix of every route [path]. Default '/'; normalized to start and end with '/'. */
  path: string;
  /** The API key clients must present [key]. Default 'peerjs' (what peerjs clients send). */
  key: string;
  /** Drop a client that sent no frame for this long, in ms [alive_timeout]. Default 60000. */
  aliveTimeout: number;
  /** Queued messages for an absent peer expire after this many ms; the sender gets EXPIRE [expire_timeout]. Default 5000. */
  expireTimeout: number;
  /** Most registered clients at once [concurrent_limit]. Default 5000; up to 1,000,000. */
  concurrentLimit: number;
  /** Whether `GET {path}{key}/peers` lists connected ids [allow_discovery]. Default false. */
  allowDiscovery: boolean;
  /** Largest WebSocket frame a client may send, in bytes [max_payload]. Default 65536. */
  maxPayload: number;
  /** Sustained frames per second per client; 0 turns rate limiting off [message_rate]. Default 200. */
  messageRate: number;
  /** Frames a client may send in a burst above the rate [message_burst]. Default 1000. */
  messageBurst: number;
  /** Most open sockets from one IP address; 0 = no cap [per_ip_limit]. Default 256. */
  perIpLimit: number;
  /** Most messages queued for one absent peer; 0 = never queue [max_queue_per_peer]. Default 128. */
  maxQueuePerPeer: number;
  /** Most bytes queued for all absent peers together [max_queue_bytes]. Default 16 MiB. */
  maxQueueBytes: number;
}

/** Which limit stopped something. Values are the CLI option names. */
export type LimitName =
  | 'concurrent_limit'
  | 'per_ip_limit'
  | 'message_rate'
  | 'max_payload'
  | 'max_queue_per_peer'
  | 'max_queue_bytes';

/** Payload of the 'limit' event. */
export interface LimitEvent {
  /** The client's id, when it was known. */
  readonly id?: string;
  /** The remote address of the socket. */
  readonly ip: string;
  readonly limit: LimitName;
}

/** Events of a SignalingServer (a Node EventEmitter typed by this map). */
export interface SignalingServerEvents {
  /** A client registered (OPEN sent), or re-registered with its token on a new socket. */
  connection: [id: string];
  /** A registered client left: socket closed, LEAVE without dst, or heartbeat timeout. */
  disconnect: [id: string];
  /** A server-side failure (never a client's bad input, which is answered and logged). Only emitted when someone listens. */
  error: [error: SignalingError];
  /** A limit was hit (a connection or message was refused). */
  limit: [event: LimitEvent];
}

export type SignalingServerEventName = keyof SignalingServerEvents;

/** Collaborators of the server. */
export interface SignalingDeps {
  /** Where the server logs. Default: a JSON-lines logger on stderr at level 'info'. */
  logger?: Logger;
}

/** A running signaling server (see `startSignalingServer` and `attachSignalingServer`). */
export interface SignalingServer {
  /** Validated options, defaults filled. */
  readonly options: Readonly<SignalingOptions>;
  /** Actual bound port (0 while the underlying server is not listening). */
  readonly port: number;
  /** Base URL, e.g. 'http://127.0.0.1:9000/' (a wildcard host is shown as loopback). */
  readonly url: string;
  readonly httpServer: HttpServer | HttpsServer;
  /** Registered clients. */
  clientCount(): number;
  /**
   * Answers the HTTP routes (`GET {path}`, `GET {path}{key}/id`, `GET {path}{key}/peers`,
   * their HEAD and CORS preflight). Returns false, without touching `res`, for any other request
   * so the caller can serve it. In attach mode the caller must call this from its request handler.
   */
  handleHttp(req: IncomingMessage, res: ServerResponse): boolean;
  /**
   * Tells every client the server is going away (close code 1001), stops accepting, closes all
   * sockets, timers and the HTTP server if we created it. Idempotent (returns the same promise).
   */
  close(): Promise<void>;
  on<E extends SignalingServerEventName>(
    event: E,
    listener: (...args: SignalingServerEvents[E]) => void,
  ): this;
  once<E extends SignalingServerEventName>(
    event: E,
    listener: (...args: SignalingServerEvents[E]) => void,
  ): this;
  off<E extends SignalingServerEventName>(
    event: E,
    listener: (...args: SignalingServerEvents[E]) => void,
  ): this;
}
