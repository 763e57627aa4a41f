import { describe, expect, it } from 'vitest';
import { parseClientMessage } from '../../../shared/signaling-protocol';
import { readClientMessage } from './FrameHandler';

const registered = new Set(['b', 'peer-1']);
const isRegistered = (id: string): boolean => registered.has(id);

describe('readClientMessage', () => {
  it.each([
    { type: 'OFFER', dst: 'b', payload: { sdp: 'x' } },
    { type: 'CANDIDATE', dst: 'peer-1' },
    { type: 'LEAVE', dst: 'b', src: 'spoof', extra: 1 },
    { type: 'OFFER', dst: 'absent', payload: {} },
    { type: 'OFFER', dst: '-bad' },
    { type: 'OFFER', dst: 'b', payload: 'str' },
    { type: 'OFFER', dst: 'b', payload: null },
    { type: 'OFFER', dst: 'b', payload: [] },
    { type: 'OFFER', dst: 5 },
    { type: 'NOPE', dst: 'b' },
    { type: 'HEARTBEAT', dst: 'b' },
    { type: 'LEAVE' },
    { dst: 'b' },
    null,
    [],
    'text',
  ])('gives the same result as parseClientMessage for %j', (value) => {
    expect(readClientMessage(value, isRegistered)).toEqual(parseClientMessage(value));
  });
});
