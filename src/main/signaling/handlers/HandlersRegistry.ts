import type {
  ClientMessage,
  ClientMessageType,
  JsonObject,
} from '../../../shared/signaling-protocol';
import type { Client } from '../models/Client';

/** The frame as received: its UTF-8 bytes and decoded value (already validated into `message`). */
export interface RawFrame {
  readonly bytes: Buffer;
  readonly raw: JsonObject;
}

/** Handles one validated client message. */
export type MessageHandler = (client: Client, message: ClientMessage, frame: RawFrame) => void;

/** Message handlers by type (as peerjs-server's HandlersRegistry). */
export class HandlersRegistry {
  private readonly handlers = new Map<ClientMessageType, MessageHandler>();

  /** Registers `handler` for `type`. @throws if the type already has a handler. */
  register(type: ClientMessageType, handler: MessageHandler): this {
    if (this.handlers.has(type)) throw new Error(`A handler for ${type} is already registered`);
    this.handlers.set(type, handler);
    return this;
  }

  /** Runs the handler of the message's type; false when there is none. */
  handle(client: Client, message: ClientMessage, frame: RawFrame): boolean {
    const handler = this.handlers.get(message.type);
    if (!handler) return false;
    handler(client, message, frame);
    return true;
  }
}
