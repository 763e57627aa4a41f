import { describe, expect, it } from 'vitest';
import { ChatLog } from './ChatLog';
import type { ChatMessage } from './types';

const msg = (
  senderId: string,
  seq: number,
  sentAt = seq * 10,
  text = `${senderId}${seq}`,
): ChatMessage => ({
  id: `${senderId}:${seq}`,
  senderId,
  seq,
  sentAt,
  text,
});

describe('ChatLog', () => {
  it('numbers our own messages and stores them', () => {
    const log = new ChatLog('me');
    const a = log.compose('hello', 5);
    const b = log.compose('again', 6);
    expect([a.id, a.seq, b.id, b.seq]).toEqual(['me:1', 1, 'me:2', 2]);
    expect(log.messages().map((m) => m.text)).toEqual(['hello', 'again']);
    expect(log.cursor()).toEqual({ me: 2 });
  });

  it('drops duplicates, including re-sent history', () => {
    const log = new ChatLog('me');
    expect(log.add(msg('a', 1)).kind).toBe('added');
    expect(log.add(msg('a', 1)).kind).toBe('duplicate');
    expect(log.add(msg('a', 2)).kind).toBe('added');
    for (const m of [msg('a', 1), msg('a', 2)]) expect(log.add(m).kind).toBe('duplicate');
    expect(log.size).toBe(2);
  });

  it('detects a gap, asks for what is missing, and fills it in order', () => {
    const log = new ChatLog('me');
    log.add(msg('a', 1));
    log.add(msg('b', 1));
    const result = log.add(msg('a', 4));
    expect(result).toEqual({ kind: 'gap', missing: [2, 3], since: { a: 1, b: 1 } });
    expect(log.add(msg('a', 3)).kind).toBe('gap');
    expect(log.missing('a')).toEqual([2]);
    expect(log.add(msg('a', 2)).kind).toBe('added');
    expect(log.missing('a')).toEqual([]);
    expect(log.cursor()).toEqual({ a: 4, b: 1 });
    expect(log.messages().map((m) => m.id)).toEqual(['a:1', 'b:1', 'a:2', 'a:3', 'a:4']);
  });

  it('keeps a sender’s seq order even when its clock goes backwards', () => {
    const log = new ChatLog('me');
    log.add(msg('a', 2, 5));
    log.add(msg('a', 1, 50));
    expect(log.messages().map((m) => m.id)).toEqual(['a:1', 'a:2']);
  });

  it('answers a sync request with exactly what the asker lacks', () => {
    const log = new ChatLog('me');
    for (const m of [msg('a', 1), msg('a', 2), msg('b', 1), msg('b', 2), msg('c', 1)]) log.add(m);
    expect(log.historySince({ a: 1, b: 2 }).map((m) => m.id)).toEqual(['c:1', 'a:2']);
    expect(log.historySince({}, 2).map((m) => m.id)).toEqual(['a:1', 'b:1']);
  });

  it('survives a reconnect: a peer syncing from our cursor gets nothing twice and loses nothing', () => {
    const alice = new ChatLog('alice');
    const bob = new ChatLog('bob');
    const sent = [alice.compose('1', 1), alice.compose('2', 2)];
    for (const m of sent) bob.add(m);
    // Bob's connection drops; Alice keeps talking.
    alice.compose('3', 3);
    alice.compose('4', 4);
    // Reconnect: Bob sends his cursor, Alice answers with history.
    for (const m of alice.historySince(bob.cursor())) expect(bob.add(m).kind).toBe('added');
    expect(bob.messages().map((m) => m.text)).toEqual(['1', '2', '3', '4']);
  });

  it('continues our own numbering from history after a restart', () => {
    const log = new ChatLog('me');
    log.add(msg('me', 1));
    log.add(msg('me', 2));
    expect(log.compose('next', 100).seq).toBe(3);
  });

  it('caps history, dropping the oldest', () => {
    const log = new ChatLog('me', { maxMessages: 3 });
    for (let i = 1; i <= 5; i += 1) log.add(msg('a', i));
    expect(log.messages().map((m) => m.seq)).toEqual([3, 4, 5]);
    expect(log.add(msg('a', 1)).kind).toBe('duplicate');
  });
});
