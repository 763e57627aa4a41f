import { describe, expect, it } from 'vitest';
import { RosterModel } from './RosterModel';
import { INITIAL_STATE, type PeerInfo } from './types';

const info = (id: string, joinedAt = 1, name = id.toUpperCase()): PeerInfo => ({
  id,
  name,
  state: { ...INITIAL_STATE },
  joinedAt,
});

describe('RosterModel', () => {
  it('lets a newcomer learn everyone from one member’s gossip, without itself', () => {
    const roster = new RosterModel('me');
    const joined: string[] = [];
    roster.on('joined', (p) => joined.push(p.id));
    const learned = roster.mergeGossip([info('a', 1), info('b', 2), info('me', 3)], 100);
    expect(learned).toEqual(['a', 'b']);
    expect(joined).toEqual(['a', 'b']);
    expect(roster.list().map((p) => [p.id, p.status])).toEqual([
      ['a', 'known'],
      ['b', 'known'],
    ]);
    expect(roster.mergeGossip([info('a'), info('c', 4)], 101)).toEqual(['c']);
  });

  it('prefers first-hand hello over gossip and tracks state updates', () => {
    const roster = new RosterModel('me');
    roster.mergeGossip([info('a', 1, 'Old name')], 1);
    const updates: string[] = [];
    roster.on('updated', (p) => updates.push(`${p.name}/${p.status}/${p.state.muted}`));
    roster.connected({ ...info('a', 1, 'Ada'), state: { ...INITIAL_STATE, muted: true } }, 2);
    roster.mergeGossip([info('a', 1, 'Stale gossip')], 3);
    expect(roster.get('a')?.name).toBe('Ada');
    expect(roster.updateState('a', { ...INITIAL_STATE, handRaised: true })).toBe(true);
    expect(roster.get('a')?.state.handRaised).toBe(true);
    expect(roster.updateState('nobody', INITIAL_STATE)).toBe(false);
    expect(updates).toEqual(['Ada/connected/true', 'Ada/connected/false']);
  });

  it('records leaves and drops with time and ignores stale gossip about them', () => {
    const roster = new RosterModel('me');
    roster.connected(info('a', 10), 1);
    roster.connected(info('b', 11), 1);
    const left: string[] = [];
    roster.on('left', (p, reason, at) => left.push(`${p.id}:${reason}@${at}`));
    expect(roster.remove('a', 'left', 50)).toBe(true);
    expect(roster.remove('b', 'dropped', 60)).toBe(true);
    expect(roster.remove('b', 'dropped', 61)).toBe(false);
    expect(left).toEqual(['a:left@50', 'b:dropped@60']);
    // Someone who has not heard yet gossips the old sessions: they stay gone.
    expect(roster.mergeGossip([info('a', 10), info('b', 11)], 70)).toEqual([]);
    // A rejoin has a newer joinedAt and comes back.
    expect(roster.mergeGossip([info('a', 80)], 90)).toEqual(['a']);
    // A dropped peer that reconnects by itself comes back through its hello.
    roster.connected(info('b', 11), 95);
    expect(roster.list().map((p) => p.id)).toEqual(['b', 'a']);
  });

  it('snapshots itself first for gossip, as plain copies', () => {
    const roster = new RosterModel('me');
    roster.connected(info('a', 5), 1);
    const snap = roster.snapshot(info('me', 1));
    expect(snap.map((p) => p.id)).toEqual(['me', 'a']);
    snap[1]!.state.muted = true;
    expect(roster.get('a')?.state.muted).toBe(false);
  });
});
