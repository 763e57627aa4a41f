import { randomUUID } from 'node:crypto';
import type { Client } from './Client';

/** The registered clients, by id. */
export class Realm {
  private readonly clients = new Map<string, Client>();

  constructor(private readonly generate: () => string = randomUUID) {}

  get size(): number {
    return this.clients.size;
  }

  get(id: string): Client | undefined {
    return this.clients.get(id);
  }

  /** Registers `client`; a client registered under the same id is replaced (made inactive). */
  set(client: Client): void {
    const old = this.clients.get(client.id);
    if (old !== undefined && old !== client) old.active = false;
    this.clients.set(client.id, client);
  }

  /** Removes `client` if it is still the registered one for its id (not a replaced socket). */
  remove(client: Client): boolean {
    client.active = false;
    if (this.clients.get(client.id) !== client) return false;
    this.clients.delete(client.id);
    return true;
  }

  ids(): string[] {
    return [...this.clients.keys()];
  }

  values(): IterableIterator<Client> {
    return this.clients.values();
  }

  /** A random id no registered client has. */
  generateId(): string {
    let id = this.generate();
    while (this.clients.has(id)) id = this.generate();
    return id;
  }
}
