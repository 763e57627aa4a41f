/**
 * How the roster spreads: our `hello` carries everyone we are connected to, and whenever a
 * participant connects we tell the others (`roster`, batched), so a newcomer who reached any one
 * member learns everyone. Participants only heard of and never connected are forgotten after a
 * while. Also lets join() wait for the first participant to say hello.
 */
import { LIMITS, PROTOCOL_VERSION, type HelloMessage, type RosterMessage } from './protocol';
import type { RosterModel } from './RosterModel';
import type { PeerInfo } from './types';

/** A participant only heard of by gossip is forgotten if it never connects within this. */
export const KNOWN_TTL_MS = 30_000;
const ROSTER_BATCH_MS = 100;

export class Gossip {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #waiters: (() => void)[] = [];

  constructor(
    private readonly roster: RosterModel,
    /** Our own entry, as of now. */
    private readonly self: () => PeerInfo,
    private readonly broadcast: (message: RosterMessage) => void,
  ) {}

  /** Our hello for a new control channel. */
  hello(): HelloMessage {
    const { name, state, joinedAt } = this.self();
    return {
      type: 'hello',
      version: PROTOCOL_VERSION,
      name: name.slice(0, LIMITS.nameLength),
      state,
      joinedAt,
      knownPeers: this.snapshot(),
    };
  }

  /** A participant's hello: it is connected; returns the ids learned from it (to dial). */
  onHello(id: string, m: HelloMessage, now: number): string[] {
    this.roster.connected({ id, name: m.name, state: m.state, joinedAt: m.joinedAt }, now);
    const learned = this.roster.mergeGossip(m.knownPeers, now);
    this.#soon();
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve();
    return learned;
  }

  /** Roster gossip; returns the ids learned (to dial). */
  onRoster(m: RosterMessage, now: number): string[] {
    return this.roster.mergeGossip(m.peers, now);
  }

  /** Ourselves and everyone connected. */
  snapshot(): PeerInfo[] {
    const self = this.self();
    const connected = new Set(
      this.roster
        .list()
        .filter((p) => p.status === 'connected')
        .map((p) => p.id),
    );
    return this.roster
      .snapshot({ ...self, name: self.name.slice(0, LIMITS.nameLength) })
      .filter((p) => p.id === self.id || connected.has(p.id))
      .slice(0, LIMITS.knownPeers);
  }

  /** Ids heard of by gossip long ago that never connected (and have no open channel). */
  stale(now: number, isOpen: (id: string) => boolean): string[] {
    return this.roster
      .list()
      .filter((p) => p.status === 'known' && now - p.seenAt > KNOWN_TTL_MS && !isOpen(p.id))
      .map((p) => p.id);
  }

  /** Resolves true once someone said hello (at once if someone has), false after `timeoutMs`. */
  firstHello(timeoutMs: number): Promise<boolean> {
    if (this.roster.list().some((p) => p.status === 'connected')) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        resolve(false);
      }, timeoutMs);
      this.#waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#waiters = [];
  }

  #soon(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.broadcast({ type: 'roster', peers: this.snapshot() });
    }, ROSTER_BATCH_MS);
  }
}
