import {
  MessageType,
  type ClientMessage,
  type ServerMessage,
} from '../../../shared/signaling-protocol';
import type { ConnectionHost } from './BaseConnection';
import { ConnectionRegistry } from './ConnectionRegistry';
import { createCodec } from './createCodec';
import { DataConnection } from './DataConnection';
import { PeerError, PeerErrorType, describeError } from './errors';
import type { PeerEvents } from './events';
import { Logger } from './Logger';
import { MediaConnection } from './MediaConnection';
import { resolvePeerOptions, type ResolvedPeerOptions } from './PeerOptions';
import { Reconnector } from './Reconnector';
import { RelayRouter, type AnyConnection } from './RelayRouter';
import { ServerApi } from './ServerApi';
import { SignalingSocket } from './SignalingSocket';
import { TypedEmitter } from './TypedEmitter';
import type { CallOption, CodecFactory, PeerConnectOption, PeerOptions } from './types';
import { util } from './util';

/** Close codes after which the server closed the socket on purpose (→ `socket-closed`). */
const CLEAN_CLOSE = new Set([1000, 1001, 1008, 1009, 1011, 1013]);

/**
 * A peer on the signaling server: PeerJS 1.5's `Peer` (same constructor, options, methods,
 * properties, events and error types) plus reconnection with backoff and per-connection errors.
 */
export class Peer extends TypedEmitter<PeerEvents> {
  static readonly DEFAULT_KEY = 'peerjs';
  readonly #options: ResolvedPeerOptions;
  readonly #logger: Logger;
  readonly #api: ServerApi;
  readonly #socket: SignalingSocket;
  readonly #codecFor: CodecFactory;
  readonly #connections = new ConnectionRegistry<AnyConnection>();
  readonly #reconnector: Reconnector;
  readonly #host: ConnectionHost;
  readonly #router: RelayRouter;
  #id: string | null = null;
  #lastServerId: string | null = null;
  #open = false;
  #disconnected = false;
  #destroyed = false;

  constructor(options?: PeerOptions);
  constructor(id: string | undefined, options?: PeerOptions);
  constructor(idOrOptions?: string | PeerOptions, maybeOptions: PeerOptions = {}) {
    super();
    const userId = typeof idOrOptions === 'string' ? idOrOptions : undefined;
    const options = typeof idOrOptions === 'object' ? idOrOptions : maybeOptions;
    this.#options = resolvePeerOptions(options);
    this.#logger = new Logger(this.#options.debug, this.#options.logFunction);
    this.#codecFor = createCodec;
    this.#reconnector = new Reconnector(
      { initialDelay: this.#options.reconnectDelay, maxDelay: this.#options.reconnectMaxDelay },
      () => {
        if (this.#destroyed || !this.#lastServerId) return;
        this.#logger.log(`Reconnecting as ${this.#lastServerId}`);
        this.#initialize(this.#lastServerId);
      },
    );
    this.#api = new ServerApi(this.#options);
    this.#socket = new SignalingSocket(this.#options, this.#logger);
    this.#socket.on('message', (message) => {
      this.#onServerMessage(message);
    });
    this.#socket.on('disconnected', (opened, code) => {
      this.#onSocketLost(opened, code);
    });
    this.#socket.on('failed', (error) => {
      // Browsers refuse ws:// from an https page with a SecurityError.
      const insecure = error instanceof DOMException && error.name === 'SecurityError';
      const type = insecure ? 'ssl-unavailable' : 'socket-error';
      this.#abort(type, `Cannot open the server socket: ${describeError(error)}`, error);
    });
    this.#host = {
      config: this.#options.config,
      logger: this.#logger,
      connectTimeout: this.#options.connectTimeout,
      signal: (message: ClientMessage) => {
        this.#socket.send(message);
      },
      removeConnection: (connection) => {
        this.#connections.remove(connection);
      },
      codecFor: (serialization) => this.#codecFor(serialization),
    };
    this.#router = new RelayRouter({
      connections: this.#connections,
      connectionHost: this.#host,
      logger: this.#logger,
      isDestroyed: () => this.#destroyed,
      accept: (connection) => {
        this.#adopt(connection.peer, connection);
        if (connection instanceof MediaConnection) this.emit('call', connection);
        else this.emit('connection', connection);
      },
      emitError: (error) => {
        this.emit('error', error);
      },
    });
    if (typeof RTCPeerConnection === 'undefined') {
      this.#delayedAbort('browser-incompatible', 'The current browser does not support WebRTC');
      return;
    }
    if (userId !== undefined && !util.validateId(userId)) {
      this.#delayedAbort('invalid-id', `ID "${userId}" is invalid`);
      return;
    }
    if (userId) {
      this.#initialize(userId);
      return;
    }
    this.#api.retrieveId().then(
      (id) => {
        if (!this.#destroyed) this.#initialize(id);
      },
      (error: unknown) => {
        this.#abort('server-error', describeError(error), error);
      },
    );
  }

  /** Our id (null until known, and after disconnect(), as in PeerJS). */
  get id(): string | null {
    return this.#id;
  }

  get options(): Readonly<ResolvedPeerOptions> {
    return this.#options;
  }

  /** True while registered with the server. */
  get open(): boolean {
    return this.#open;
  }

  /** True when there is no link to the server (connections may still be up). */
  get disconnected(): boolean {
    return this.#disconnected;
  }

  /** True once destroy() ran: nothing can be used any more. */
  get destroyed(): boolean {
    return this.#destroyed;
  }

  /** Every connection, keyed by remote peer id (PeerJS's plain-object shape). */
  get connections(): Record<string, AnyConnection[]> {
    return this.#connections.toRecord();
  }

  /** Opens a data connection to `peer`. While the server link is down it fails with `disconnected`. */
  connect(peer: string, options: PeerConnectOption = {}): DataConnection {
    const requested = options.serialization ?? 'default';
    const codec = this.#codecFor(requested === 'default' ? 'binary' : requested);
    if (!codec) throw new TypeError(`Unknown serialization "${requested}"`);
    const connection = new DataConnection(peer, this.#host, {
      connectionId: DataConnection.ID_PREFIX + util.randomToken(),
      codec,
      label: options.label,
      metadata: options.metadata,
      reliable: options.reliable,
      timeout: options.timeout,
    });
    return this.#adopt(peer, connection);
  }

  /** Calls `peer` with `stream`. */
  call(peer: string, stream: MediaStream, options: CallOption = {}): MediaConnection {
    if (typeof MediaStream === 'undefined' || !(stream instanceof MediaStream)) {
      throw new TypeError('call() needs a MediaStream (from getUserMedia or getDisplayMedia)');
    }
    const connection = new MediaConnection(peer, this.#host, {
      connectionId: MediaConnection.ID_PREFIX + util.randomToken(),
      metadata: options.metadata,
      stream,
      sdpTransform: options.sdpTransform,
      timeout: options.timeout,
    });
    return this.#adopt(peer, connection);
  }

  /** The connection with this id to `peer`, or null. */
  getConnection(peer: string, connectionId: string): AnyConnection | null {
    return this.#connections.get(peer, connectionId) ?? null;
  }

  /** Leaves the server; connections stay up. reconnect() comes back with the same id. */
  disconnect(): void {
    this.#reconnector.cancel();
    if (this.#disconnected) return;
    this.#markDisconnected(true);
  }

  /** Re-registers the last id with the server (after disconnect() or a lost link). */
  reconnect(): void {
    if (this.#destroyed) {
      throw new Error('This peer cannot reconnect to the server. It has already been destroyed.');
    }
    if (!this.#disconnected) {
      if (!this.#open) return; // Still connecting the first time.
      throw new Error(`Peer ${this.#id ?? ''} cannot reconnect: it is not disconnected`);
    }
    this.#reconnector.cancel();
    this.#disconnected = false;
    if (this.#lastServerId) this.#initialize(this.#lastServerId);
  }

  /** Closes every connection and the server link, for good. */
  destroy(): void {
    if (this.#destroyed) return;
    this.disconnect();
    this.#destroyed = true;
    for (const connection of this.#connections.all()) {
      if (connection instanceof DataConnection) connection.close({ flush: false });
      else connection.close();
    }
    this.#connections.clear();
    this.#socket.removeAllListeners();
    this.emit('close');
    this.removeAllListeners();
  }

  #adopt<C extends AnyConnection>(peer: string, connection: C): C {
    this.#connections.add(connection);
    if (this.#destroyed || (this.#disconnected && !this.#reconnector.active)) {
      const error = new PeerError(
        'disconnected',
        'Cannot connect to new Peer after disconnecting from server.',
        { peer },
      );
      this.emit('error', error);
      queueMicrotask(() => {
        connection.fail('disconnected', error.message);
      });
    }
    return connection;
  }

  #initialize(id: string): void {
    this.#id = id;
    this.#socket.start(id, this.#options.token);
  }

  #onServerMessage(message: ServerMessage): void {
    switch (message.type) {
      case MessageType.Open:
        this.#open = true;
        this.#disconnected = false;
        this.#reconnector.reset();
        this.#lastServerId = this.#id;
        this.emit('open', this.#id ?? '');
        break;
      case MessageType.Heartbeat:
        break;
      case MessageType.Error:
        if (/invalid key/i.test(message.payload.msg))
          this.#abort('invalid-key', message.payload.msg);
        else this.#abort('server-error', message.payload.msg || 'Server error');
        break;
      case MessageType.IdTaken:
        this.#abort('unavailable-id', `ID "${this.#id ?? ''}" is taken`);
        break;
      case MessageType.InvalidKey:
        this.#abort('invalid-key', `API KEY "${this.#options.key}" is invalid`);
        break;
      default:
        this.#router.route(message);
    }
  }

  #onSocketLost(opened: boolean, code: number): void {
    if (this.#destroyed) return;
    if (this.#reconnector.active && !opened) {
      this.#reconnector.schedule();
      return;
    }
    if (this.#disconnected) return;
    const cleanClose = opened && CLEAN_CLOSE.has(code);
    const type: PeerErrorType = cleanClose ? 'socket-closed' : 'network';
    const text = opened ? 'Lost connection to server.' : 'Could not connect to the server.';
    this.emit('error', new PeerError(type, `${text} (close code ${code})`));
    const canRetry = this.#options.autoReconnect && this.#lastServerId !== null;
    this.#markDisconnected(!canRetry);
    if (canRetry) this.#reconnector.schedule();
  }

  #markDisconnected(dropQueue: boolean): void {
    const lastId = this.#id ?? this.#lastServerId ?? '';
    this.#disconnected = true;
    this.#open = false;
    this.#socket.close(dropQueue);
    if (this.#id) this.#lastServerId = this.#id;
    this.#id = null;
    this.emit('disconnected', lastId);
  }

  #delayedAbort(type: PeerErrorType, message: string): void {
    setTimeout(() => {
      this.#abort(type, message);
    }, 0);
  }

  /** Emits the error, then destroys (never opened) or disconnects (had an id), as PeerJS. */
  #abort(type: PeerErrorType, message: string, cause?: unknown): void {
    if (this.#destroyed) return;
    this.#logger.error('Aborting:', message);
    this.emit('error', new PeerError(type, message, { cause }));
    if (!this.#lastServerId) this.destroy();
    else this.disconnect();
  }
}

export { PeerErrorType };
