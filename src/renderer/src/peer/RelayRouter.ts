import { MessageType, type RelayedMessage } from '../../../shared/signaling-protocol';
import type { ConnectionHost } from './BaseConnection';
import type { ConnectionRegistry } from './ConnectionRegistry';
import { connectionFromOffer } from './connectionFromOffer';
import type { DataConnection } from './DataConnection';
import { PeerError, type PeerErrorType } from './errors';
import type { Logger } from './Logger';
import type { MediaConnection } from './MediaConnection';

export type AnyConnection = DataConnection | MediaConnection;

/** What the router needs from its Peer. */
export interface RelayRouterHost {
  readonly connections: ConnectionRegistry<AnyConnection>;
  /** Handed to connections created from a remote OFFER. */
  readonly connectionHost: ConnectionHost;
  readonly logger: Logger;
  /** True once the Peer is destroyed: new offers are ignored. */
  isDestroyed(): boolean;
  /** Registers a connection the remote side opened and announces it (`connection` / `call`). */
  accept(connection: AnyConnection): void;
  /** Emits an error on the Peer. */
  emitError(error: PeerError<PeerErrorType>): void;
}

/**
 * Delivers what other peers send through the server (OFFER, ANSWER, CANDIDATE, LEAVE, EXPIRE)
 * to the connection it is for, PeerJS's way: a new OFFER opens a connection (replacing one with
 * the same id), except a Parley renegotiation OFFER, which goes to the live connection.
 */
export class RelayRouter {
  readonly #host: RelayRouterHost;

  constructor(host: RelayRouterHost) {
    this.#host = host;
  }

  route(message: RelayedMessage): void {
    const { src, payload } = message;
    const connections = this.#host.connections;
    if (message.type === MessageType.Leave) {
      for (const connection of connections.forPeer(src)) connection.close();
      return;
    }
    if (message.type === MessageType.Expire) {
      for (const connection of connections.forPeer(src)) connection.peerUnavailable();
      this.#host.emitError(
        new PeerError('peer-unavailable', `Could not connect to peer ${src}`, { peer: src }),
      );
      return;
    }
    const connectionId =
      typeof payload?.connectionId === 'string' ? payload.connectionId : undefined;
    if (connectionId === undefined) {
      this.#host.logger.warn(`Ignoring a malformed ${message.type} from ${src}`);
      return;
    }
    const existing = connections.get(src, connectionId);
    if (message.type === MessageType.Offer) {
      if (existing?.remoteIsParley && payload?.parley !== undefined) {
        existing.handleMessage(message); // Renegotiation between Parley peers.
        return;
      }
      existing?.close(); // PeerJS: a new offer replaces the connection.
      this.#onOffer(message);
      return;
    }
    if (existing) existing.handleMessage(message);
    else this.#host.logger.log(`Dropping ${message.type} for unknown connection ${connectionId}`);
  }

  #onOffer(message: RelayedMessage): void {
    if (this.#host.isDestroyed()) return;
    const connection = connectionFromOffer(message, this.#host.connectionHost);
    if (connection) this.#host.accept(connection);
  }
}
