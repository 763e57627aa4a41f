/**
 * The meeting roster as this participant sees it. It merges gossip from any member, so a
 * newcomer learns everyone from whoever it reached first, tracks each participant's state, and
 * records joins, leaves and drops with timestamps. Pure: no timers, no network.
 *
 * A participant is `known` (learned by gossip, not connected yet) or `connected` (its own `hello`
 * arrived over a control connection). Participants who left are remembered as tombstones, so
 * stale gossip does not bring them back; a newer `joinedAt` (a rejoin) does.
 */
import { Emitter } from './Emitter';
import type { ParticipantState, PeerInfo } from './types';

export type PresenceStatus = 'known' | 'connected';
export type LeaveReason = 'left' | 'dropped';

export interface Participant extends PeerInfo {
  status: PresenceStatus;
  /** When this participant first appeared in our roster (our clock). */
  seenAt: number;
}

export interface RosterEvents {
  /** A participant was added to the roster (by gossip or by its own hello). */
  joined: (participant: Participant) => void;
  /** A participant's name, state or status changed. */
  updated: (participant: Participant) => void;
  /** A participant left on purpose or was detected as dropped. */
  left: (participant: Participant, reason: LeaveReason, at: number) => void;
}

export class RosterModel extends Emitter<RosterEvents> {
  readonly #participants = new Map<string, Participant>();
  /** id → joinedAt of the session that left. */
  readonly #tombstones = new Map<string, number>();

  /** @param selfId our own peer id; never added to the roster. */
  constructor(readonly selfId: string) {
    super();
  }

  /** Everyone but us, in the order they joined. */
  list(): Participant[] {
    return [...this.#participants.values()].sort(
      (a, b) => a.joinedAt - b.joinedAt || a.id.localeCompare(b.id),
    );
  }

  get(id: string): Participant | undefined {
    return this.#participants.get(id);
  }

  has(id: string): boolean {
    return this.#participants.has(id);
  }

  get size(): number {
    return this.#participants.size;
  }

  /**
   * Merges gossip (a `hello`'s knownPeers or a `roster` message). Returns the ids learned for the
   * first time: the participants we still have to connect to.
   */
  mergeGossip(peers: readonly PeerInfo[], now: number): string[] {
    const learned: string[] = [];
    for (const info of peers) {
      if (info.id === this.selfId || !this.#acceptsSession(info)) continue;
      const existing = this.#participants.get(info.id);
      if (existing) {
        // Gossip is second-hand: it may fill a name we lack but never overrides first-hand state.
        if (existing.status === 'known' && info.joinedAt >= existing.joinedAt) {
          this.#update(existing, { name: info.name, state: { ...info.state } });
        }
        continue;
      }
      this.#add(info, 'known', now);
      learned.push(info.id);
    }
    return learned;
  }

  /** A participant's own `hello` arrived: it is connected and its info is first-hand. */
  connected(info: PeerInfo, now: number): Participant {
    this.#tombstones.delete(info.id);
    const existing = this.#participants.get(info.id);
    if (!existing) return this.#add(info, 'connected', now);
    this.#update(existing, {
      name: info.name,
      state: { ...info.state },
      joinedAt: info.joinedAt,
      status: 'connected',
    });
    return existing;
  }

  /** A participant's `state` message arrived. Returns false for an unknown participant. */
  updateState(id: string, state: ParticipantState): boolean {
    const p = this.#participants.get(id);
    if (!p) return false;
    this.#update(p, { state: { ...state } });
    return true;
  }

  /** Removes a participant (it said bye, or liveness detected a drop). */
  remove(id: string, reason: LeaveReason, now: number): boolean {
    const p = this.#participants.get(id);
    if (!p) return false;
    this.#participants.delete(id);
    this.#tombstones.set(id, p.joinedAt);
    this.emit('left', p, reason, now);
    return true;
  }

  /** The roster to gossip: ourselves (given) and everyone we know. */
  snapshot(self: PeerInfo): PeerInfo[] {
    return [self, ...this.list()].map(({ id, name, state, joinedAt }) => ({
      id,
      name,
      state: { ...state },
      joinedAt,
    }));
  }

  #acceptsSession(info: PeerInfo): boolean {
    const leftSession = this.#tombstones.get(info.id);
    if (leftSession === undefined) return true;
    if (info.joinedAt <= leftSession) return false;
    this.#tombstones.delete(info.id);
    return true;
  }

  #add(info: PeerInfo, status: PresenceStatus, now: number): Participant {
    const p: Participant = {
      id: info.id,
      name: info.name,
      state: { ...info.state },
      joinedAt: info.joinedAt,
      status,
      seenAt: now,
    };
    this.#participants.set(p.id, p);
    this.emit('joined', p);
    return p;
  }

  #update(p: Participant, patch: Partial<Participant>): void {
    const changed = (Object.keys(patch) as (keyof Participant)[]).some(
      (k) => JSON.stringify(p[k]) !== JSON.stringify(patch[k]),
    );
    if (!changed) return;
    Object.assign(p, patch);
    this.emit('updated', p);
  }
}
