import {
  MessageType,
  parseServerMessage,
  type ClientMessage,
  type ServerMessage,
} from '../../../shared/signaling-protocol';
import { TypedEmitter } from './TypedEmitter';
import type { Logger } from './Logger';

/** The PeerJS client version we announce (the wire protocol we speak). */
export const PEERJS_VERSION = '1.5.5';

/** Most messages kept while the socket is not open (older ones are dropped first). */
const MAX_QUEUED = 1000;

export interface SignalingSocketEvents {
  /** A valid frame arrived from the server. */
  message: (message: ServerMessage) => void;
  /** The socket closed without close() being called; `opened` says if it had opened. */
  disconnected: (opened: boolean, code: number) => void;
  /** The WebSocket could not even be created (bad URL, or ws:// from an https page). */
  failed: (error: unknown) => void;
}

export interface SignalingSocketOptions {
  secure: boolean;
  host: string;
  port: number;
  path: string;
  key: string;
  pingInterval: number;
}

/**
 * The WebSocket to the signaling server: PeerJS URL and heartbeats, frames validated on the way
 * in, messages queued while the socket is (re)connecting and flushed on open.
 */
export class SignalingSocket extends TypedEmitter<SignalingSocketEvents> {
  readonly #baseUrl: string;
  readonly #pingInterval: number;
  readonly #logger: Logger;
  readonly #WebSocketImpl: typeof WebSocket;
  #socket: WebSocket | undefined;
  #opened = false;
  #queue: ClientMessage[] = [];
  #pingTimer: ReturnType<typeof setInterval> | undefined;

  constructor(options: SignalingSocketOptions, logger: Logger, WebSocketImpl = WebSocket) {
    super();
    const scheme = options.secure ? 'wss://' : 'ws://';
    const key = encodeURIComponent(options.key);
    this.#baseUrl = `${scheme}${options.host}:${options.port}${options.path}peerjs?key=${key}`;
    this.#pingInterval = options.pingInterval;
    this.#logger = logger;
    this.#WebSocketImpl = WebSocketImpl;
  }

  /** True while the WebSocket is open. */
  get isOpen(): boolean {
    return this.#socket?.readyState === this.#WebSocketImpl.OPEN;
  }

  /** Opens the socket for `id` (no-op if one is already open or opening). */
  start(id: string, token: string): void {
    if (this.#socket) return;
    const url =
      `${this.#baseUrl}&id=${encodeURIComponent(id)}&token=${encodeURIComponent(token)}` +
      `&version=${PEERJS_VERSION}`;
    let socket: WebSocket;
    try {
      socket = new this.#WebSocketImpl(url);
    } catch (error) {
      this.#logger.error('Cannot create the WebSocket', error);
      queueMicrotask(() => this.emit('failed', error));
      return;
    }
    this.#socket = socket;
    this.#opened = false;
    socket.onopen = () => {
      this.#opened = true;
      this.#logger.log('Socket open');
      this.#pingTimer = setInterval(() => {
        this.#sendNow({ type: MessageType.Heartbeat });
      }, this.#pingInterval);
      const queued = this.#queue;
      this.#queue = [];
      for (const message of queued) this.#sendNow(message);
    };
    socket.onmessage = (event: MessageEvent) => {
      this.#onFrame(event.data);
    };
    socket.onclose = (event: CloseEvent) => {
      const opened = this.#opened;
      this.#release();
      this.#logger.log('Socket closed', event.code, event.reason);
      this.emit('disconnected', opened, event.code);
    };
    // onerror is always followed by onclose, which reports it.
    socket.onerror = () => undefined;
  }

  /** Sends now if open, else queues until the socket opens. */
  send(message: ClientMessage): void {
    if (this.isOpen) {
      this.#sendNow(message);
      return;
    }
    if (this.#queue.length >= MAX_QUEUED) this.#queue.shift();
    this.#queue.push(message);
  }

  /** Closes the socket (no `disconnected` event); `dropQueue` also forgets queued messages. */
  close(dropQueue = true): void {
    const socket = this.#socket;
    this.#release();
    if (dropQueue) this.#queue = [];
    if (socket && socket.readyState !== this.#WebSocketImpl.CLOSED) socket.close(1000);
  }

  #sendNow(message: ClientMessage): void {
    try {
      this.#socket?.send(JSON.stringify(message));
    } catch (error) {
      this.#logger.error('Socket send failed', error);
    }
  }

  #onFrame(data: unknown): void {
    if (typeof data !== 'string') {
      this.#logger.warn('Ignoring a non-text server frame');
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(data);
    } catch {
      this.#logger.warn('Ignoring an invalid server frame', data);
      return;
    }
    const result = parseServerMessage(value);
    if (!result.ok) {
      this.#logger.warn('Ignoring a server frame:', result.reason);
      return;
    }
    this.emit('message', result.message);
  }

  #release(): void {
    clearInterval(this.#pingTimer);
    this.#pingTimer = undefined;
    const socket = this.#socket;
    if (socket) {
      socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    }
    this.#socket = undefined;
    this.#opened = false;
  }
}
