import { describe, expect, it } from 'vitest';
import { INITIAL_STATE } from './types';
import {
  ControlMessageError,
  isControlMessage,
  parseControlMessage,
  PROTOCOL_VERSION,
} from './protocol';

const peer = { id: 'p1', name: 'Ada', state: { ...INITIAL_STATE }, joinedAt: 1 };

describe('control protocol guards', () => {
  it('accepts every well-formed message type', () => {
    const good: unknown[] = [
      {
        type: 'hello',
        version: PROTOCOL_VERSION,
        name: 'Ada',
        state: INITIAL_STATE,
        joinedAt: 5,
        knownPeers: [peer],
      },
      { type: 'roster', peers: [peer] },
      { type: 'state', state: { ...INITIAL_STATE, muted: true } },
      { type: 'chat', message: { id: 'p1:1', senderId: 'p1', seq: 1, sentAt: 10, text: 'hi' } },
      { type: 'chat-ack', senderId: 'p1', seq: 3 },
      { type: 'chat-sync', since: { p1: 2, p2: 0 } },
      {
        type: 'chat-history',
        messages: [{ id: 'p1:2', senderId: 'p1', seq: 2, sentAt: 1, text: 'x' }],
      },
      { type: 'ping', nonce: 1, sentAt: 5 },
      { type: 'pong', nonce: 1, sentAt: 5 },
      {
        type: 'file-offer',
        fileId: 'f',
        name: 'a.txt',
        size: 10,
        mime: 'text/plain',
        chunkSize: 16384,
      },
      { type: 'file-accept', fileId: 'f' },
      { type: 'file-decline', fileId: 'f', reason: 'declined' },
      { type: 'file-chunk', fileId: 'f', index: 0, bytes: 10 },
      { type: 'file-cancel', fileId: 'f', reason: 'cancelled' },
      { type: 'bye' },
    ];
    for (const m of good) expect(parseControlMessage(m)).toBe(m);
  });

  it('rejects malformed and hostile values with a clear error', () => {
    expect(() => parseControlMessage(null)).toThrow(ControlMessageError);
    expect(() => parseControlMessage('hello')).toThrow(/not an object/);
    expect(() => parseControlMessage({ type: 'toString' })).toThrow(/unknown control message type/);
    expect(() => parseControlMessage({ type: '__proto__' })).toThrow(/unknown/);
    expect(() => parseControlMessage({ type: 'state', state: { muted: 'yes' } })).toThrow(
      /malformed "state"/,
    );
    const bad: unknown[] = [
      {
        type: 'chat',
        message: { id: 'p2:1', senderId: 'p1', seq: 1, sentAt: 1, text: 'spoofed id' },
      },
      { type: 'chat', message: { id: 'p1:0', senderId: 'p1', seq: 0, sentAt: 1, text: 'seq 0' } },
      { type: 'chat', message: { id: 'p1:1', senderId: 'p1', seq: 1, sentAt: 1, text: '' } },
      {
        type: 'chat',
        message: { id: 'p1:1', senderId: 'p1', seq: 1, sentAt: 1, text: 'x'.repeat(4001) },
      },
      { type: 'roster', peers: Array.from({ length: 65 }, (_, i) => ({ ...peer, id: `p${i}` })) },
      { type: 'roster', peers: [{ ...peer, name: 'n'.repeat(65) }] },
      { type: 'ping', nonce: 1.5, sentAt: 1 },
      { type: 'ping', nonce: 1, sentAt: Number.NaN },
      { type: 'file-offer', fileId: 'f', name: '', size: 1, mime: '', chunkSize: 1 },
      { type: 'chat-sync', since: { p1: -1 } },
      { type: 'hello', version: 0, name: 'x', state: INITIAL_STATE, joinedAt: 1, knownPeers: [] },
    ];
    for (const m of bad) expect(isControlMessage(m), JSON.stringify(m).slice(0, 80)).toBe(false);
  });
});
