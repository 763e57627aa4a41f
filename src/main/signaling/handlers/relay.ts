import { MessageType, type ClientMessage } from '../../../shared/signaling-protocol';
import { expireFrame, relayFrame } from '../frames';
import type { Client } from '../models/Client';
import type { Realm } from '../models/Realm';
import type { MessageQueue } from '../services/MessageQueue';
import type { LimitName } from '../types';
import type { MessageHandler, RawFrame } from './HandlersRegistry';

/**
 * A destination holding more unsent bytes than this is not reading; it is dropped. (Senders
 * are paused well before, at Backpressure's high-water mark, so only a stalled peer gets here.)
 */
export const SLOW_CONSUMER_BYTES = 32 * 1024 * 1024;

/** What the relay needs from the server. */
export interface RelayContext {
  readonly realm: Realm;
  readonly queue: MessageQueue;
  /** LEAVE without dst: the sender leaves the server. */
  leave(client: Client): void;
  /** A destination stopped reading (too many unsent bytes); drop it. */
  dropSlowConsumer(client: Client): void;
  /** Called before a frame is written to `target` (lets the server batch writes). */
  beforeRelay(target: Client): void;
  /** Called after `sender`'s frame was written to `target` (flow control). */
  afterRelay(sender: Client, target: Client): void;
  /** A queue limit refused a message from `client`. */
  limitHit(client: Client, limit: LimitName): void;
}

/**
 * OFFER, ANSWER, CANDIDATE, LEAVE and EXPIRE: relayed to `dst` with `src` stamped. For a `dst`
 * that is not connected, OFFER/ANSWER/CANDIDATE wait in the queue (the sender gets EXPIRE at
 * once if a queue limit refuses them); LEAVE and EXPIRE are dropped, as `peer` does.
 */
export function createRelayHandler(ctx: RelayContext): MessageHandler {
  return (client: Client, message: ClientMessage, frame: RawFrame): void => {
    if (message.type === MessageType.Heartbeat) return;
    const dst = message.dst;
    if (dst === undefined) {
      // parseClientMessage only lets LEAVE through without a dst.
      ctx.leave(client);
      return;
    }
    const data = relayFrame(frame.bytes, frame.raw, message, client.id);
    let target = ctx.realm.get(dst);
    if (target !== undefined && target.socket.bufferedAmount > SLOW_CONSUMER_BYTES) {
      ctx.dropSlowConsumer(target);
      target = undefined;
    }
    if (target?.isOpen) {
      ctx.beforeRelay(target);
      target.sendFrame(data);
      ctx.afterRelay(client, target);
      return;
    }
    if (message.type === MessageType.Leave || message.type === MessageType.Expire) return;
    const result = ctx.queue.enqueue(client.id, dst, data);
    if (result !== 'queued') {
      client.send(expireFrame(dst, client.id));
      ctx.limitHit(client, result);
    }
  };
}

/** HEARTBEAT: nothing to do; receiving any frame already refreshed the client's lastSeen. */
export const heartbeatHandler: MessageHandler = () => undefined;
