/** Something the registry can hold. */
interface Keyed {
  readonly peer: string;
  readonly connectionId: string;
}

/** A Peer's connections, grouped by remote peer id (PeerJS's `connections` shape). */
export class ConnectionRegistry<C extends Keyed> {
  readonly #byPeer = new Map<string, C[]>();

  add(connection: C): void {
    const list = this.#byPeer.get(connection.peer) ?? [];
    list.push(connection);
    this.#byPeer.set(connection.peer, list);
  }

  /** Forgets the connection with this peer and id (no-op if unknown). */
  remove(connection: Keyed): void {
    const list = this.#byPeer.get(connection.peer);
    if (!list) return;
    const index = list.findIndex((c) => c.connectionId === connection.connectionId);
    if (index !== -1) list.splice(index, 1);
    if (list.length === 0) this.#byPeer.delete(connection.peer);
  }

  get(peer: string, connectionId: string): C | undefined {
    return this.#byPeer.get(peer)?.find((c) => c.connectionId === connectionId);
  }

  /** A copy of the connections to `peer`. */
  forPeer(peer: string): C[] {
    return [...(this.#byPeer.get(peer) ?? [])];
  }

  /** A copy of every connection. */
  all(): C[] {
    return [...this.#byPeer.values()].flat();
  }

  /** Peer id → connections, as a plain object without prototype (PeerJS's shape). */
  toRecord(): Record<string, C[]> {
    const out = Object.create(null) as Record<string, C[]>;
    for (const [peer, list] of this.#byPeer) out[peer] = [...list];
    return out;
  }

  clear(): void {
    this.#byPeer.clear();
  }
}
