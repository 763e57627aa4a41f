import { EventEmitter } from 'node:events';
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { CloseCode, MessageType } from '../../shared/signaling-protocol';
import type { Logger } from '../logging';
import { SignalingError } from './errors';
import { ErrorText, expireFrame } from './frames';
import { HandlersRegistry } from './handlers/HandlersRegistry';
import { createRelayHandler, heartbeatHandler } from './handlers/relay';
import { Realm } from './models/Realm';
import { Backpressure } from './services/Backpressure';
import { FrameHandler } from './services/FrameHandler';
import { HeartbeatChecker } from './services/HeartbeatChecker';
import { HttpApi } from './services/HttpApi';
import { MessageQueue } from './services/MessageQueue';
import { RateLimiter } from './services/RateLimiter';
import { WebSocketService } from './services/WebSocketService';
import { WriteBatcher } from './services/WriteBatcher';
import type { LimitName, SignalingOptions, SignalingServer, SignalingServerEvents } from './types';

/** How long close() waits for clients to answer the close handshake before cutting them. */
const CLOSE_GRACE_MS = 2_000;
/** Unsent bytes at a destination above which its senders are paused until it drains. */
const BACKPRESSURE_HIGH_WATER = 1024 * 1024;

/**
 * Composition root of the signaling server: builds the realm, queue, limiter, handlers and
 * services, and wires them to an HTTP(S) server (ours or the caller's).
 */
export class SignalingService
  extends EventEmitter<SignalingServerEvents>
  implements SignalingServer
{
  private readonly realm = new Realm();
  private readonly queue: MessageQueue;
  private readonly heartbeat: HeartbeatChecker;
  private readonly sockets: WebSocketService;
  private readonly api: HttpApi;
  private closing: Promise<void> | undefined;

  constructor(
    readonly httpServer: HttpServer | HttpsServer,
    readonly options: Readonly<SignalingOptions>,
    private readonly logger: Logger,
    private readonly ownsServer: boolean,
  ) {
    super();
    // Server clock for client timestamps: ms since the server started, a small integer that V8
    // keeps inline in each Client (Date.now() values are too big and would be boxed).
    const epoch = Date.now();
    const now = (): number => Date.now() - epoch;
    this.queue = new MessageQueue({
      expireTimeout: options.expireTimeout,
      maxPerPeer: options.maxQueuePerPeer,
      maxBytes: options.maxQueueBytes,
      onExpire: (src, dst) => {
        // Tell the sender its messages to `dst` were never delivered.
        const sender = this.realm.get(src);
        if (sender?.isOpen) sender.send(expireFrame(dst, src));
      },
    });
    const batcher = new WriteBatcher();
    const backpressure = new Backpressure(BACKPRESSURE_HIGH_WATER);
    const registry = new HandlersRegistry().register(MessageType.Heartbeat, heartbeatHandler);
    const relay = createRelayHandler({
      realm: this.realm,
      queue: this.queue,
      leave: (client) => {
        this.sockets.drop(client, CloseCode.Normal, ErrorText.Left);
      },
      dropSlowConsumer: (client) => {
        logger.warn('dropping a client that does not read', { id: client.id, ip: client.ip });
        this.sockets.drop(client, CloseCode.PolicyViolation, ErrorText.SlowConsumer);
      },
      beforeRelay: (target) => {
        batcher.cork(target.socket);
      },
      afterRelay: (sender, target) => {
        backpressure.check(sender.socket, target.socket);
      },
      limitHit: (client, limit) => {
        this.limitHit(limit, client.ip, client.id);
      },
    });
    for (const type of [
      MessageType.Offer,
      MessageType.Answer,
      MessageType.Candidate,
      MessageType.Leave,
      MessageType.Expire,
    ]) {
      registry.register(type, relay);
    }
    const frames = new FrameHandler({
      limiter: new RateLimiter(options.messageRate, options.messageBurst),
      registry,
      logger,
      now,
      isRegistered: (id) => this.realm.get(id) !== undefined,
      drop: (client, code, reason) => {
        this.sockets.drop(client, code, reason);
      },
      limitHit: (client, limit) => {
        this.limitHit(limit, client.ip, client.id);
      },
      handlerFailed: (client, cause) => {
        this.fail(
          new SignalingError('handler-failed', `Handling a frame from ${client.id} failed`, {
            cause,
          }),
        );
      },
    });
    this.sockets = new WebSocketService({
      options,
      realm: this.realm,
      queue: this.queue,
      limiter: new RateLimiter(options.messageRate, options.messageBurst),
      frames,
      logger,
      now,
      ownsServer,
      onConnection: (id) => this.emit('connection', id),
      onDisconnect: (id) => this.emit('disconnect', id),
      onLimit: (limit, ip, id) => {
        this.limitHit(limit, ip, id);
      },
    });
    this.heartbeat = new HeartbeatChecker({
      realm: this.realm,
      aliveTimeout: options.aliveTimeout,
      now,
      onTimeout: (client) => {
        this.sockets.drop(
          client,
          CloseCode.PolicyViolation,
          ErrorText.HeartbeatTimeout(options.aliveTimeout),
        );
      },
    });
    this.api = new HttpApi(options, this.realm);
    httpServer.on('upgrade', this.sockets.onUpgrade);
    if (ownsServer) {
      httpServer.on('request', this.onRequest);
      httpServer.on('error', this.onServerError);
    }
    this.heartbeat.start();
  }

  get port(): number {
    const address = this.httpServer.address();
    return address !== null && typeof address === 'object' ? address.port : 0;
  }

  get url(): string {
    const address: AddressInfo | string | null = this.httpServer.address();
    const scheme = this.httpServer instanceof HttpsServer ? 'https' : 'http';
    let host =
      typeof address === 'object' && address !== null ? address.address : this.options.host;
    if (host === '0.0.0.0') host = '127.0.0.1';
    if (host === '::') host = '::1';
    if (host.includes(':')) host = `[${host}]`;
    return `${scheme}://${host}:${this.port}${this.options.path}`;
  }

  clientCount(): number {
    return this.realm.size;
  }

  handleHttp(req: IncomingMessage, res: ServerResponse): boolean {
    return this.api.handle(req, res);
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    this.heartbeat.stop();
    this.queue.clear();
    const serverClosed = this.ownsServer ? this.closeHttpServer() : Promise.resolve();
    await this.sockets.closeAll(CLOSE_GRACE_MS);
    this.httpServer.off('upgrade', this.sockets.onUpgrade);
    // After the grace, HTTP connections still open (a request in flight, or a browser's
    // preconnected socket that never sent one) must not keep the server from closing.
    if (this.ownsServer) this.httpServer.closeAllConnections();
    await serverClosed;
    if (this.ownsServer) {
      this.httpServer.off('request', this.onRequest);
      this.httpServer.off('error', this.onServerError);
    }
  }

  private closeHttpServer(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.httpServer.listening) {
        resolve();
        return;
      }
      this.httpServer.close(() => {
        resolve();
      });
      this.httpServer.closeIdleConnections();
    });
  }

  private readonly onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    if (this.api.handle(req, res)) return;
    const body = 'Not Found';
    res.writeHead(404, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': body.length,
    });
    res.end(body);
  };

  private readonly onServerError = (error: Error): void => {
    this.fail(
      new SignalingError('server-error', `HTTP server error: ${error.message}`, { cause: error }),
    );
  };

  private limitHit(limit: LimitName, ip: string, id?: string): void {
    this.logger.info('limit reached', { limit, ip, id });
    this.emit('limit', id === undefined ? { ip, limit } : { id, ip, limit });
  }

  /** The one path for server errors: logged, and emitted when someone listens. */
  private fail(error: SignalingError): void {
    this.logger.error(error.message, { type: error.type, error: error.cause });
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }
}
