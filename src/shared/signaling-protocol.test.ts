import { describe, expect, it } from 'vitest';
import { isValidPeerId, parseClientMessage, parseServerMessage } from './signaling-protocol';

describe('isValidPeerId', () => {
  it.each(['a', 'abc', 'a-b', 'a_b', 'a b', 'A1-b_2 c', 'x'.repeat(64)])('accepts %j', (id) => {
    expect(isValidPeerId(id)).toBe(true);
  });
  it.each(['', '-a', 'a-', ' a', 'a ', 'a.b', 'é', 'x'.repeat(65), 5, null])('rejects %j', (id) => {
    expect(isValidPeerId(id)).toBe(false);
  });
});

describe('parseClientMessage', () => {
  it('accepts a heartbeat and drops extra fields', () => {
    expect(parseClientMessage({ type: 'HEARTBEAT', x: 1 })).toEqual({
      ok: true,
      message: { type: 'HEARTBEAT' },
    });
  });
  it('accepts an offer and ignores a client-supplied src', () => {
    const r = parseClientMessage({ type: 'OFFER', dst: 'b', src: 'evil', payload: { a: 1 } });
    expect(r).toEqual({ ok: true, message: { type: 'OFFER', dst: 'b', payload: { a: 1 } } });
  });
  it.each([
    [null, 'Message must be a JSON object'],
    [[], 'Message must be a JSON object'],
    [{ type: 'NOPE' }, 'Unknown or missing message type'],
    [{ type: 'OFFER' }, 'OFFER needs a dst'],
    [{ type: 'OFFER', dst: '-x' }, 'Invalid dst'],
    [{ type: 'OFFER', dst: 'b', payload: 'str' }, 'Payload must be a JSON object'],
  ])('rejects %j', (value, reason) => {
    expect(parseClientMessage(value)).toEqual({ ok: false, reason });
  });
  it('allows LEAVE without dst', () => {
    expect(parseClientMessage({ type: 'LEAVE' }).ok).toBe(true);
  });
});

describe('parseServerMessage', () => {
  it('parses OPEN, ERROR and relayed frames', () => {
    expect(parseServerMessage({ type: 'OPEN' })).toEqual({ ok: true, message: { type: 'OPEN' } });
    expect(parseServerMessage({ type: 'ERROR', payload: { msg: 'x' } })).toEqual({
      ok: true,
      message: { type: 'ERROR', payload: { msg: 'x' } },
    });
    expect(parseServerMessage({ type: 'ANSWER', src: 'a', dst: 'b', payload: {} }).ok).toBe(true);
  });
  it('rejects relayed frames without src', () => {
    expect(parseServerMessage({ type: 'ANSWER', dst: 'b' }).ok).toBe(false);
  });
});
