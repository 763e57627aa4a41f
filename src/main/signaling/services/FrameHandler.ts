import type { RawData } from 'ws';
import {
  CloseCode,
  MessageType,
  isJsonObject,
  parseClientMessage,
  type ClientMessage,
  type JsonObject,
  type ParseResult,
} from '../../../shared/signaling-protocol';
import type { Logger } from '../../logging';
import { ErrorText, errorFrame } from '../frames';
import type { HandlersRegistry } from '../handlers/HandlersRegistry';
import type { Client } from '../models/Client';
import type { LimitName } from '../types';
import type { RateLimiter } from './RateLimiter';

/**
 * Invalid frames (bad JSON, wrong shape, unknown type) a connection may send: each is answered
 * with an ERROR and the connection stays; this many close it with 1008.
 */
export const INVALID_FRAME_LIMIT = 5;

export interface FrameHandlerDeps {
  limiter: RateLimiter;
  registry: HandlersRegistry;
  logger: Logger;
  now: () => number;
  /** Whether `id` is a registered client's id (and so a valid id: it was checked at registration). */
  isRegistered: (id: string) => boolean;
  /** Unregisters `client` and closes its socket. */
  drop(client: Client, code: number, reason: string): void;
  limitHit(client: Client, limit: LimitName): void;
  /** A handler threw (a server bug): report it. */
  handlerFailed(client: Client, error: unknown): void;
}

/**
 * Checks every frame before dispatch, cheapest test first: still registered, rate limit, text
 * (not binary), JSON, message shape (parseClientMessage). UTF-8 and size were already checked
 * by `ws` (maxPayload, UTF-8 validation) before the frame got here.
 */
export class FrameHandler {
  constructor(private readonly deps: FrameHandlerDeps) {}

  handle(client: Client, data: RawData, isBinary: boolean): void {
    if (!client.active) return;
    const { deps } = this;
    const now = deps.now();
    client.lastSeen = now;
    if (!deps.limiter.take(client, now)) {
      const text = ErrorText.RateLimit(deps.limiter.rate);
      client.send(errorFrame(text));
      deps.limitHit(client, 'message_rate');
      deps.drop(client, CloseCode.PolicyViolation, text);
      return;
    }
    if (isBinary) {
      client.send(errorFrame(ErrorText.Binary));
      deps.drop(client, CloseCode.UnsupportedData, ErrorText.Binary);
      return;
    }
    const bytes = toBuffer(data);
    let raw: unknown;
    try {
      raw = JSON.parse(bytes.toString('utf8'));
    } catch {
      this.reject(client, ErrorText.InvalidJson);
      return;
    }
    const parsed = readClientMessage(raw, deps.isRegistered);
    if (!parsed.ok) {
      this.reject(client, parsed.reason);
      return;
    }
    try {
      deps.registry.handle(client, parsed.message, { bytes, raw: raw as JsonObject });
    } catch (error) {
      client.send(errorFrame(ErrorText.Internal));
      deps.handlerFailed(client, error);
    }
  }

  private reject(client: Client, reason: string): void {
    client.invalidFrames += 1;
    client.send(errorFrame(reason));
    if (this.deps.logger.enabled('debug')) {
      this.deps.logger.debug('invalid frame', { id: client.id, ip: client.ip, reason });
    }
    if (client.invalidFrames >= INVALID_FRAME_LIMIT) {
      this.deps.drop(
        client,
        CloseCode.PolicyViolation,
        ErrorText.TooManyInvalid(client.invalidFrames),
      );
    }
  }
}

/**
 * `parseClientMessage`, with one shortcut for the common case, a relayed message to a
 * registered client: its dst was checked against the id rules when that client registered, so
 * the check is not repeated. Same results as `parseClientMessage` for every input.
 */
export function readClientMessage(
  value: unknown,
  isRegistered: (id: string) => boolean,
): ParseResult<ClientMessage> {
  if (isJsonObject(value)) {
    const { type, dst, payload } = value;
    if (
      (type === MessageType.Candidate ||
        type === MessageType.Offer ||
        type === MessageType.Answer ||
        type === MessageType.Leave ||
        type === MessageType.Expire) &&
      typeof dst === 'string' &&
      (payload === undefined || isJsonObject(payload)) &&
      isRegistered(dst)
    ) {
      return { ok: true, message: payload === undefined ? { type, dst } : { type, dst, payload } };
    }
  }
  return parseClientMessage(value);
}

/** ws delivers a Buffer (binaryType 'nodebuffer'); the other shapes are handled anyway. */
function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
