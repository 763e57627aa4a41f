import { describe, expect, it } from 'vitest';
import { ChatRelay } from './ChatRelay';
import type { ControlMessage } from './protocol';
import type { ChatMessage } from './types';

/** Relays wired through an in-memory bus whose links can be cut. */
function mesh(ids: string[]) {
  const down = new Set<string>();
  const received: Record<string, ChatMessage[]> = {};
  const relays: Record<string, ChatRelay> = {};
  const linkKey = (a: string, b: string): string => [a, b].sort().join('|');
  for (const id of ids) {
    received[id] = [];
    relays[id] = new ChatRelay(id, {
      send: (to: string, m: ControlMessage) => {
        if (down.has(linkKey(id, to))) return false;
        relays[to]?.handle(id, structuredClone(m));
        return true;
      },
      onMessage: (m) => received[id]?.push(m),
      resendAfterMs: 1000,
    });
  }
  const relay = (id: string): ChatRelay => {
    const r = relays[id];
    if (!r) throw new Error(id);
    return r;
  };
  return { relay, received: (id: string) => received[id] ?? [], down, linkKey };
}

describe('ChatRelay', () => {
  it('delivers each message once to everyone, acknowledged', () => {
    const m = mesh(['a', 'b', 'c']);
    const sent = m.relay('a').compose('hello', 1, ['b', 'c']);
    m.relay('b').compose('hi', 2, ['a', 'c']);
    for (const id of ['a', 'b', 'c'])
      expect(m.received(id).map((x) => x.text)).toEqual(['hello', 'hi']);
    expect(sent.id).toBe('a:1');
    // Acked by both: nothing to resend later.
    m.down.add(m.linkKey('a', 'b'));
    m.relay('a').resend(10_000);
    expect(m.received('b')).toHaveLength(2);
  });

  it('resends what a participant missed while its channel was down', () => {
    const m = mesh(['a', 'b']);
    m.down.add(m.linkKey('a', 'b'));
    m.relay('a').compose('lost?', 1, ['b']);
    expect(m.received('b')).toHaveLength(0);
    m.down.clear();
    m.relay('a').resend(500); // too early
    expect(m.received('b')).toHaveLength(0);
    m.relay('a').resend(1500);
    m.relay('a').resend(5000); // acked now: not again
    expect(m.received('b').map((x) => x.text)).toEqual(['lost?']);
  });

  it('gives a newcomer the history through chat-sync, without duplicates', () => {
    const m = mesh(['a', 'b', 'c']);
    m.down.add(m.linkKey('a', 'c'));
    m.down.add(m.linkKey('b', 'c'));
    m.relay('a').compose('one', 1, ['b']);
    m.relay('b').compose('two', 2, ['a']);
    m.down.clear();
    m.relay('c').connected('a');
    m.relay('c').connected('b');
    expect(m.received('c').map((x) => x.text)).toEqual(['one', 'two']);
  });

  it('refuses a live message that claims another sender', () => {
    const m = mesh(['a', 'b']);
    const forged: ChatMessage = { id: 'x:1', senderId: 'x', seq: 1, sentAt: 1, text: 'forged' };
    m.relay('b').handle('a', { type: 'chat', message: forged });
    expect(m.received('b')).toHaveLength(0);
  });

  it('trusts history relayed by a third party less than the sender itself', () => {
    const sent: [string, ControlMessage][] = [];
    const got: ChatMessage[] = [];
    const updated: ChatMessage[] = [];
    const connected = new Set(['b']);
    const r = new ChatRelay('me', {
      send: (to, m) => sent.push([to, m]) > 0,
      onMessage: (m) => got.push(m),
      onUpdate: (m) => updated.push(m),
      isConnected: (id) => connected.has(id),
    });
    const msg = (sender: string, seq: number, text: string): ChatMessage => ({
      id: `${sender}:${seq}`,
      senderId: sender,
      seq,
      sentAt: seq,
      text,
    });
    // a sends its own message, one "of b" (b is connected to us: ignored, b delivers its own)
    // and one "of x" (not connected: kept, marked relayed). A flag on the wire is not taken.
    r.handle('a', {
      type: 'chat-history',
      messages: [
        { ...msg('a', 1, 'mine'), relayed: true },
        msg('b', 1, 'forged b'),
        msg('x', 1, 'forged x'),
      ],
    });
    expect(got).toEqual([msg('a', 1, 'mine'), { ...msg('x', 1, 'forged x'), relayed: true }]);
    // A relay never overwrites what we hold.
    r.handle('c', { type: 'chat-history', messages: [msg('a', 1, 'altered')] });
    expect(r.log.messages().find((m) => m.id === 'a:1')?.text).toBe('mine');
    expect(got).toHaveLength(2);
    // x's channel opens: we ask x again from its first relayed message; its copy wins.
    connected.add('x');
    r.connected('x');
    expect(sent.at(-1)).toEqual(['x', { type: 'chat-sync', since: { a: 1, x: 0 } }]);
    r.handle('x', { type: 'chat-history', messages: [msg('x', 1, 'the real x')] });
    expect(updated).toEqual([msg('x', 1, 'the real x')]);
    expect(r.log.messages().map((m) => [m.id, m.text, m.relayed])).toEqual([
      ['a:1', 'mine', undefined],
      ['x:1', 'the real x', undefined],
    ]);
    // Confirmed now: a later sync to x asks only for what is new.
    r.connected('x');
    expect(sent.at(-1)).toEqual(['x', { type: 'chat-sync', since: { a: 1, x: 1 } }]);
  });

  it('asks for a gap and fills it', () => {
    const m = mesh(['a', 'b']);
    const first = m.relay('a').compose('1', 1, []);
    const second = m.relay('a').compose('2', 2, []);
    m.relay('b').handle('a', { type: 'chat', message: second }); // gap: asks a for history
    expect(m.received('b').map((x) => x.id)).toEqual([second.id, first.id]);
    expect(
      m
        .relay('b')
        .log.messages()
        .map((x) => x.id),
    ).toEqual([first.id, second.id]);
  });
});
