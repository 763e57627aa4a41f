/**
 * The meeting's chat history as this participant holds it. Messages are identified by
 * `(senderId, seq)`: duplicates are dropped, out-of-order arrivals are kept in order, and a gap in
 * a sender's sequence yields a sync request asking peers for exactly what is missing. Pure.
 */
import { chatMessageId } from './protocol';
import type { ChatMessage } from './types';

export type AddResult =
  | { kind: 'added' }
  | { kind: 'duplicate' }
  /** Added, but earlier messages of this sender are missing: send `since` in a `chat-sync`. */
  | { kind: 'gap'; missing: number[]; since: Record<string, number> };

export interface ChatLogOptions {
  /** Oldest messages are dropped beyond this many. Default 5000. */
  maxMessages?: number;
}

export class ChatLog {
  readonly #messages: ChatMessage[] = [];
  readonly #ids = new Set<string>();
  /** senderId → highest seq such that every seq ≤ it is held (or was dropped by the cap). */
  readonly #contiguous = new Map<string, number>();
  /** senderId → seqs held above the contiguous mark. */
  readonly #ahead = new Map<string, Set<number>>();
  readonly #maxMessages: number;
  #ownSeq = 0;

  constructor(
    readonly selfId: string,
    options: ChatLogOptions = {},
  ) {
    this.#maxMessages = options.maxMessages ?? 5000;
  }

  /** Creates, stores and returns our next message. */
  compose(text: string, now: number): ChatMessage {
    this.#ownSeq += 1;
    const message: ChatMessage = {
      id: chatMessageId(this.selfId, this.#ownSeq),
      senderId: this.selfId,
      seq: this.#ownSeq,
      sentAt: now,
      text,
    };
    this.add(message);
    return message;
  }

  /** Stores a received message (the caller validated it with the protocol guard). */
  add(message: ChatMessage): AddResult {
    if (this.#ids.has(message.id) || message.seq <= (this.#contiguous.get(message.senderId) ?? 0)) {
      return { kind: 'duplicate' };
    }
    this.#ids.add(message.id);
    this.#insertSorted(message);
    if (message.senderId === this.selfId) this.#ownSeq = Math.max(this.#ownSeq, message.seq);
    this.#advance(message.senderId, message.seq);
    this.#enforceCap();
    const missing = this.missing(message.senderId);
    return missing.length > 0 ? { kind: 'gap', missing, since: this.cursor() } : { kind: 'added' };
  }

  /**
   * The sender's own copy of a message we may hold only as relayed: the held one is replaced by
   * it (the sender is authoritative). `confirmed`: it said the same; `corrected`: it differed
   * (the relay forged or altered it); `none`: we hold no relayed copy of it.
   */
  confirm(message: ChatMessage): 'confirmed' | 'corrected' | 'none' {
    const i = this.#messages.findIndex((m) => m.id === message.id);
    const held = this.#messages[i];
    if (!held?.relayed) return 'none';
    const same = held.text === message.text && held.sentAt === message.sentAt;
    this.#messages.splice(i, 1);
    const own: ChatMessage = { ...message };
    delete own.relayed;
    this.#insertSorted(own);
    return same ? 'confirmed' : 'corrected';
  }

  /** The lowest seq of `senderId` we hold only as relayed, if any. */
  firstRelayed(senderId: string): number | undefined {
    let first: number | undefined;
    for (const m of this.#messages) {
      if (m.senderId === senderId && m.relayed && (first === undefined || m.seq < first))
        first = m.seq;
    }
    return first;
  }

  /** Seqs of `senderId` we know exist (something later arrived) but do not hold. */
  missing(senderId: string): number[] {
    const ahead = this.#ahead.get(senderId);
    if (!ahead || ahead.size === 0) return [];
    const from = (this.#contiguous.get(senderId) ?? 0) + 1;
    const to = Math.max(...ahead);
    const result: number[] = [];
    for (let seq = from; seq < to; seq += 1) if (!ahead.has(seq)) result.push(seq);
    return result;
  }

  /** What to put in a `chat-sync`: per sender, the last seq held without a gap. */
  cursor(): Record<string, number> {
    return Object.fromEntries(this.#contiguous);
  }

  /** Answer to a `chat-sync`: messages newer than `since` per sender (all from unknown senders). */
  historySince(since: Readonly<Record<string, number>>, limit = Infinity): ChatMessage[] {
    const out: ChatMessage[] = [];
    for (const m of this.#messages) {
      if (out.length >= limit) break;
      if (m.seq > (Object.hasOwn(since, m.senderId) ? (since[m.senderId] ?? 0) : 0)) out.push(m);
    }
    return out;
  }

  /** All messages, oldest first (by sender clock, then sender, then seq). */
  messages(): readonly ChatMessage[] {
    return this.#messages;
  }

  get size(): number {
    return this.#messages.length;
  }

  #advance(senderId: string, seq: number): void {
    let mark = this.#contiguous.get(senderId) ?? 0;
    let ahead = this.#ahead.get(senderId);
    if (seq !== mark + 1) {
      if (!ahead) this.#ahead.set(senderId, (ahead = new Set()));
      ahead.add(seq);
      return;
    }
    mark = seq;
    while (ahead?.delete(mark + 1)) mark += 1;
    this.#contiguous.set(senderId, mark);
  }

  #insertSorted(message: ChatMessage): void {
    let i = this.#messages.length;
    for (; i > 0; i -= 1) {
      const before = this.#messages[i - 1];
      if (before === undefined || compare(before, message) <= 0) break;
    }
    this.#messages.splice(i, 0, message);
  }

  #enforceCap(): void {
    while (this.#messages.length > this.#maxMessages) {
      const dropped = this.#messages.shift();
      if (dropped) this.#ids.delete(dropped.id);
    }
  }
}

/** Per sender, seq order always wins over clock order (clocks of peers can be skewed). */
function compare(a: ChatMessage, b: ChatMessage): number {
  if (a.senderId === b.senderId) return a.seq - b.seq;
  return a.sentAt - b.sentAt || a.senderId.localeCompare(b.senderId);
}
