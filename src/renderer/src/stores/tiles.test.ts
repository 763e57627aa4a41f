import { describe, expect, it } from 'vitest';
import type { Participant } from '../meeting/RosterModel';
import { INITIAL_STATE } from '../meeting/types';
import { buildTiles, featured } from './tiles';

const person = (id: string, name: string): Participant => ({
  id,
  name,
  state: { ...INITIAL_STATE },
  joinedAt: 1,
  status: 'connected',
  seenAt: 1,
});
const stream = new MediaStream();

describe('tiles', () => {
  const base = {
    self: { id: 'me', name: '', state: { ...INITIAL_STATE }, camera: null, screen: null },
    participants: [person('a', 'Ann'), person('b', '')],
    streams: new Map([['b:screen', stream]]),
    stats: {
      a: [
        {
          participantId: 'a',
          at: 1,
          bitrateIn: 1,
          bitrateOut: 1,
          packetLoss: 0.2,
          rttMs: 10,
          fps: 1,
          width: 1,
          height: 1,
          sending: undefined,
        },
      ],
    },
    activeSpeakerId: 'a',
  };

  it('puts us first, then cameras and screen shares in roster order', () => {
    const tiles = buildTiles(base);
    expect(tiles.map((t) => [t.key, t.name, t.quality, t.activeSpeaker])).toEqual([
      ['me:camera', 'You', 'good', false],
      ['a:camera', 'Ann', 'poor', true],
      ['b:camera', 'Guest', 'unknown', false],
      ['b:screen', 'Guest', 'unknown', false],
    ]);
  });

  it('features the pinned tile, else a screen share, else the active speaker', () => {
    const tiles = buildTiles(base);
    expect(featured(tiles, 'a:camera')?.key).toBe('a:camera');
    expect(featured(tiles, null)?.key).toBe('b:screen');
    expect(featured(buildTiles({ ...base, streams: new Map() }), null)?.key).toBe('a:camera');
    expect(featured(buildTiles({ ...base, participants: [], streams: new Map() }), null)?.key).toBe(
      'me:camera',
    );
  });
});
