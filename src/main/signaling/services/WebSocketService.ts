import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type WebSocket from 'ws';
import type { RawData } from 'ws';
import { CloseCode, isValidPeerId } from '../../../shared/signaling-protocol';
import type { Logger } from '../../logging';
import { ErrorText, ID_TAKEN_FRAME, INVALID_KEY_FRAME, OPEN_FRAME, errorFrame } from '../frames';
import { Client, type ClientSocket } from '../models/Client';
import type { Realm } from '../models/Realm';
import type { LimitName, SignalingOptions } from '../types';
import type { FrameHandler } from './FrameHandler';
import type { MessageQueue } from './MessageQueue';
import type { RateLimiter } from './RateLimiter';
import { SignalingSocket } from './SignalingSocket';
import { createWss, normalizeIp, refuseUpgrade } from './sockets';
import { tokenEquals } from './tokenEquals';

/** Longest token accepted (peerjs sends ~11 characters). */
export const MAX_TOKEN_LENGTH = 128;

export interface WebSocketServiceDeps {
  options: Readonly<SignalingOptions>;
  realm: Realm;
  queue: MessageQueue;
  limiter: RateLimiter;
  frames: FrameHandler;
  logger: Logger;
  now: () => number;
  /** True when we own the HTTP server: upgrades on other paths are refused (404). */
  ownsServer: boolean;
  onConnection(id: string): void;
  onDisconnect(id: string): void;
  onLimit(limit: LimitName, ip: string, id?: string): void;
}

/**
 * The WebSocket side: upgrades on `{path}peerjs`, registration (key, id, token, limits), socket
 * lifetime. Per socket it keeps only the SignalingSocket and its Client; listeners are shared.
 */
export class WebSocketService {
  readonly wsPath: string;
  private readonly wss: ReturnType<typeof createWss>;
  /** Open sockets per address; the entry's `ip` is the one string all those sockets share. */
  private readonly perIp = new Map<string, { readonly ip: string; count: number }>();
  /** Sockets closing without a registered client (rejected, replaced, dropped). */
  private readonly lingering = new Set<ClientSocket>();
  private open = 0;
  private closing = false;
  private drained: (() => void) | undefined;

  constructor(private readonly deps: WebSocketServiceDeps) {
    this.wsPath = `${deps.options.path}peerjs`;
    this.wss = createWss(deps.options.maxPayload);
    this.wss.on('error', (error: Error) => {
      deps.logger.error('websocket server error', { error });
    });
  }

  /** Open sockets (registered or not). */
  get socketCount(): number {
    return this.open;
  }

  /** The 'upgrade' listener for the HTTP server. */
  readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const pathname = q < 0 ? url : url.slice(0, q);
    if (pathname !== this.wsPath && pathname !== `${this.wsPath}/`) {
      if (this.deps.ownsServer) refuseUpgrade(socket, '404 Not Found');
      return;
    }
    if (this.closing) {
      refuseUpgrade(socket, '503 Service Unavailable');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, this.onConnection);
  };

  private readonly onConnection = (socket: SignalingSocket, req: IncomingMessage): void => {
    socket.on('error', this.onSocketError);
    socket.on('close', this.onSocketClose);
    const address = normalizeIp(req.socket.remoteAddress);
    // Reading remoteAddress cached {address, family, port} on the TCP socket for its lifetime
    // (about 50 bytes per connection); drop the cache (Node rebuilds it if asked again).
    Reflect.set(req.socket, '_peername', undefined);
    let entry = this.perIp.get(address);
    if (entry === undefined) {
      entry = { ip: address, count: 0 };
      this.perIp.set(address, entry);
    }
    entry.count += 1;
    const { ip, count: fromIp } = entry;
    socket.ip = ip;
    this.open += 1;
    if (this.closing) {
      this.reject(socket, undefined, CloseCode.GoingAway, ErrorText.ShuttingDown);
      return;
    }
    this.register(socket, req.url ?? '', ip, fromIp);
  };

  private register(socket: SignalingSocket, url: string, ip: string, fromIp: number): void {
    const { options, realm } = this.deps;
    if (options.perIpLimit > 0 && fromIp > options.perIpLimit) {
      const text = ErrorText.PerIpLimit(options.perIpLimit);
      this.reject(socket, errorFrame(text), CloseCode.PolicyViolation, text);
      this.deps.onLimit('per_ip_limit', ip);
      return;
    }
    const q = url.indexOf('?');
    const params = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
    const id = params.get('id');
    const token = params.get('token');
    const key = params.get('key');
    if (!id || !token || !key) {
      const text = ErrorText.InvalidWsParameters;
      this.reject(socket, errorFrame(text), CloseCode.PolicyViolation, text);
      return;
    }
    if (key !== options.key) {
      this.reject(socket, INVALID_KEY_FRAME, CloseCode.PolicyViolation, ErrorText.InvalidKey);
      return;
    }
    if (!isValidPeerId(id)) {
      this.reject(socket, errorFrame(ErrorText.InvalidId), CloseCode.PolicyViolation, 'Invalid id');
      return;
    }
    if (token.length > MAX_TOKEN_LENGTH) {
      const text = ErrorText.InvalidToken;
      this.reject(socket, errorFrame(text), CloseCode.PolicyViolation, text);
      return;
    }
    const existing = realm.get(id);
    if (existing !== undefined) {
      if (!tokenEquals(token, existing.token)) {
        this.reject(socket, ID_TAKEN_FRAME, CloseCode.PolicyViolation, ErrorText.IdTaken);
        return;
      }
      // The same peer on a new socket (e.g. after a network change): the new socket wins.
      this.lingering.add(existing.socket);
      existing.socket.close(CloseCode.Normal, ErrorText.Replaced);
    } else if (realm.size >= options.concurrentLimit) {
      const text = ErrorText.ConnectionLimit;
      this.reject(socket, errorFrame(text), CloseCode.TryAgainLater, text);
      this.deps.onLimit('concurrent_limit', ip, id);
      return;
    }
    const now = this.deps.now();
    const client = new Client(id, token, socket, ip, now);
    this.deps.limiter.init(client, now);
    socket.client = client;
    realm.set(client);
    socket.on('message', this.onSocketMessage);
    client.send(OPEN_FRAME);
    for (const frame of this.deps.queue.take(id)) client.sendFrame(frame);
    this.deps.onConnection(id);
  }

  /** Unregisters `client` (reporting 'disconnect') and closes its socket. */
  drop(client: Client, code: number, reason: string): void {
    if (this.deps.realm.remove(client)) this.deps.onDisconnect(client.id);
    const socket = client.socket;
    this.lingering.add(socket);
    socket.close(code, reason);
  }

  /**
   * Closes every socket with 1001 and resolves once all are closed; sockets still open after
   * `graceMs` are destroyed. Refuses new upgrades from then on.
   */
  async closeAll(graceMs: number): Promise<void> {
    this.closing = true;
    const sockets = [...this.lingering];
    for (const client of this.deps.realm.values()) sockets.push(client.socket);
    for (const socket of sockets) socket.close(CloseCode.GoingAway, ErrorText.ShuttingDown);
    if (this.open > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          for (const socket of this.lingering) socket.terminate();
          for (const client of this.deps.realm.values()) {
            client.socket.terminate();
          }
        }, graceMs);
        this.drained = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    this.wss.close();
  }

  private reject(
    socket: SignalingSocket,
    frame: string | undefined,
    code: number,
    reason: string,
  ): void {
    this.lingering.add(socket);
    if (frame !== undefined) socket.send(frame);
    socket.close(code, reason);
  }

  private readonly onSocketMessage = (function (service: WebSocketService) {
    return function (this: WebSocket, data: RawData, isBinary: boolean): void {
      const client = this instanceof SignalingSocket ? this.client : undefined;
      if (client !== undefined) service.deps.frames.handle(client, data, isBinary);
    };
  })(this);

  private readonly onSocketClose = (function (service: WebSocketService) {
    return function (this: WebSocket): void {
      if (this instanceof SignalingSocket) service.closed(this);
    };
  })(this);

  private readonly onSocketError = (function (service: WebSocketService) {
    return function (this: WebSocket, error: Error): void {
      // Client faults (bad frames, resets): ws closes the socket itself; log for diagnosis.
      if (service.deps.logger.enabled('debug')) {
        const socket = this instanceof SignalingSocket ? this : undefined;
        service.deps.logger.debug('socket error', {
          id: socket?.client?.id,
          ip: socket?.ip,
          error,
        });
      }
    };
  })(this);

  private closed(socket: SignalingSocket): void {
    this.open -= 1;
    this.lingering.delete(socket);
    const entry = this.perIp.get(socket.ip);
    if (entry !== undefined && --entry.count <= 0) this.perIp.delete(socket.ip);
    const client = socket.client;
    if (client !== undefined && this.deps.realm.remove(client)) this.deps.onDisconnect(client.id);
    if (this.open === 0) this.drained?.();
  }
}
