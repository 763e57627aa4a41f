/**
 * Chat over the control channels. Our messages go to every participant and are kept until each
 * one acknowledges them (cumulative `chat-ack`), and re-sent while unacknowledged; on every new
 * control channel both sides exchange `chat-sync` cursors and answer with `chat-history`, so a
 * newcomer gets the history and nothing is lost across a reconnect. ChatLog drops duplicates and
 * asks for gaps. Pure apart from the injected `send`.
 */
import { ChatLog } from './ChatLog';
import { LIMITS, type ControlMessage } from './protocol';
import type { ChatMessage } from './types';

export interface ChatRelayOptions {
  /** Sends a control message to a participant; false when its channel is not open. */
  send: (peerId: string, message: ControlMessage) => boolean;
  /** A message joined the history (ours or received), once each. */
  onMessage: (message: ChatMessage) => void;
  /** Unacknowledged messages older than this are sent again. Default 2000 ms. */
  resendAfterMs?: number;
}

export class ChatRelay {
  readonly log: ChatLog;
  readonly #o: Required<ChatRelayOptions>;
  /** peerId → our messages it has not acknowledged, by seq, with when we last sent them. */
  readonly #unacked = new Map<string, Map<number, { message: ChatMessage; sentAt: number }>>();

  constructor(selfId: string, options: ChatRelayOptions) {
    this.log = new ChatLog(selfId);
    this.#o = { resendAfterMs: 2000, ...options };
  }

  /** Composes our message, records it, and sends it to every participant in `peers`. */
  compose(text: string, now: number, peers: Iterable<string>): ChatMessage {
    const message = this.log.compose(text.slice(0, LIMITS.chatLength), now);
    this.#o.onMessage(message);
    for (const peerId of peers) this.#sendOwn(peerId, message, now);
    return message;
  }

  /** A participant appeared: it must receive every message we send from now on. */
  track(peerId: string): void {
    if (!this.#unacked.has(peerId)) this.#unacked.set(peerId, new Map());
  }

  /** A participant left: stop waiting for its acknowledgements. */
  forget(peerId: string): void {
    this.#unacked.delete(peerId);
  }

  /** A control channel to `peerId` opened: ask for what we miss. */
  connected(peerId: string): void {
    this.track(peerId);
    this.#o.send(peerId, { type: 'chat-sync', since: this.#cursor() });
  }

  /** Handles a chat message of the control protocol from `peerId`; false if not a chat one. */
  handle(peerId: string, message: ControlMessage): boolean {
    switch (message.type) {
      case 'chat':
        // A participant's live messages are its own; others' come only as history.
        if (message.message.senderId === peerId) this.#receive(peerId, [message.message]);
        return true;
      case 'chat-history':
        this.#receive(peerId, message.messages);
        return true;
      case 'chat-sync':
        this.#answerSync(peerId, message.since);
        return true;
      case 'chat-ack': {
        if (message.senderId !== this.log.selfId) return true;
        const pending = this.#unacked.get(peerId);
        for (const seq of pending?.keys() ?? []) if (seq <= message.seq) pending?.delete(seq);
        return true;
      }
      default:
        return false;
    }
  }

  /** Sends again what stayed unacknowledged for too long (call about every second). */
  resend(now: number): void {
    for (const [peerId, pending] of this.#unacked) {
      for (const entry of pending.values()) {
        if (now - entry.sentAt < this.#o.resendAfterMs) continue;
        entry.sentAt = now;
        this.#o.send(peerId, { type: 'chat', message: entry.message });
      }
    }
  }

  #sendOwn(peerId: string, message: ChatMessage, now: number): void {
    this.track(peerId);
    this.#unacked.get(peerId)?.set(message.seq, { message, sentAt: now });
    this.#o.send(peerId, { type: 'chat', message });
  }

  #receive(peerId: string, messages: readonly ChatMessage[]): void {
    const senders = new Set<string>();
    let gap = false;
    for (const m of messages) {
      const result = this.log.add(m);
      if (result.kind === 'duplicate') {
        senders.add(m.senderId);
        continue;
      }
      senders.add(m.senderId);
      this.#o.onMessage(m);
      if (result.kind === 'gap') gap = true;
    }
    const cursor = this.log.cursor();
    for (const senderId of senders) {
      const seq = cursor[senderId];
      if (seq !== undefined && seq > 0) this.#o.send(peerId, { type: 'chat-ack', senderId, seq });
    }
    if (gap) this.#o.send(peerId, { type: 'chat-sync', since: this.#cursor() });
  }

  #answerSync(peerId: string, since: Readonly<Record<string, number>>): void {
    const history = this.log.historySince(since);
    for (let i = 0; i < history.length; i += LIMITS.historyBatch) {
      this.#o.send(peerId, {
        type: 'chat-history',
        messages: history.slice(i, i + LIMITS.historyBatch),
      });
    }
  }

  /** Our cursor, capped to what a chat-sync may carry (senders beyond it get resent: harmless). */
  #cursor(): Record<string, number> {
    return Object.fromEntries(Object.entries(this.log.cursor()).slice(0, LIMITS.knownPeers));
  }
}
