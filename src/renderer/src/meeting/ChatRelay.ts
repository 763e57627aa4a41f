/**
 * Chat over the control channels. Our messages go to every participant and are kept until each
 * one acknowledges them (cumulative `chat-ack`), and re-sent while unacknowledged; on every new
 * control channel both sides exchange `chat-sync` cursors and answer with `chat-history`, so a
 * newcomer gets the history and nothing is lost across a reconnect. ChatLog drops duplicates and
 * asks for gaps. Pure apart from the injected `send`.
 *
 * Trust. A live `chat` is accepted only from its own sender (senderId == the channel's peer),
 * but `chat-history` carries other participants' messages, and a member could forge them. So:
 * - a relayed message (in history from someone other than its sender) for a sender we have a
 *   control channel to is ignored: that sender delivers its own messages (live, re-sent until we
 *   acknowledge them, and in its answer to our `chat-sync`);
 * - relayed messages of anyone else (not connected yet, or gone) are kept but marked `relayed`;
 *   a relay never overwrites a (senderId, seq) we hold (first copy wins, duplicates dropped);
 * - when the sender's channel opens, our `chat-sync` to it asks again from its first relayed
 *   message, so it re-sends them: its copy replaces ours (`onUpdate`), correcting a forgery.
 * What stays trusted: history of senders we never get to talk to (they left before we came).
 */
import { ChatLog } from './ChatLog';
import { LIMITS, type ControlMessage } from './protocol';
import type { ChatMessage } from './types';

export interface ChatRelayOptions {
  /** Sends a control message to a participant; false when its channel is not open. */
  send: (peerId: string, message: ControlMessage) => boolean;
  /** A message joined the history (ours or received), once each. */
  onMessage: (message: ChatMessage) => void;
  /**
   * A message held as relayed was confirmed or corrected by its sender: same id, replaces the
   * one given to onMessage (no longer `relayed`).
   */
  onUpdate?: (message: ChatMessage) => void;
  /** True when we have an open control channel to this participant. Default: never. */
  isConnected?: (peerId: string) => boolean;
  /** Unacknowledged messages older than this are sent again. Default 2000 ms. */
  resendAfterMs?: number;
}

export class ChatRelay {
  readonly log: ChatLog;
  readonly #o: Required<Omit<ChatRelayOptions, 'onUpdate'>> & Pick<ChatRelayOptions, 'onUpdate'>;
  /** peerId → our messages it has not acknowledged, by seq, with when we last sent them. */
  readonly #unacked = new Map<string, Map<number, { message: ChatMessage; sentAt: number }>>();

  constructor(selfId: string, options: ChatRelayOptions) {
    this.log = new ChatLog(selfId);
    this.#o = { resendAfterMs: 2000, isConnected: () => false, ...options };
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
    this.#o.send(peerId, { type: 'chat-sync', since: this.#cursor(peerId) });
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
    for (const received of messages) {
      const direct = received.senderId === peerId;
      // See "Trust" above: a connected sender's messages come from that sender only.
      if (!direct && this.#o.isConnected(received.senderId)) continue;
      const m: ChatMessage = {
        id: received.id,
        senderId: received.senderId,
        seq: received.seq,
        sentAt: received.sentAt,
        text: received.text,
        ...(direct ? {} : { relayed: true as const }),
      };
      senders.add(m.senderId);
      const result = this.log.add(m);
      if (result.kind === 'duplicate') {
        if (direct && this.log.confirm(m) !== 'none') this.#o.onUpdate?.(m);
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
    if (gap) this.#o.send(peerId, { type: 'chat-sync', since: this.#cursor(peerId) });
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

  /**
   * Our cursor for a chat-sync to `peerId`, capped to what a chat-sync may carry (senders beyond
   * it get resent: harmless); for `peerId`'s own messages, from before the first one we hold
   * only as relayed, so that it confirms (or corrects) them.
   */
  #cursor(peerId: string): Record<string, number> {
    const cursor = this.log.cursor();
    const first = this.log.firstRelayed(peerId);
    const own = cursor[peerId];
    if (first !== undefined && own !== undefined) cursor[peerId] = Math.min(own, first - 1);
    return Object.fromEntries(Object.entries(cursor).slice(0, LIMITS.knownPeers));
  }
}
