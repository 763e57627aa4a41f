import { isOfferPayload, type RelayedMessage } from '../../../shared/signaling-protocol';
import type { ConnectionHost } from './BaseConnection';
import { DataConnection } from './DataConnection';
import { MediaConnection } from './MediaConnection';

/**
 * The connection a remote OFFER asks for: a MediaConnection waiting for answer(), or a
 * DataConnection that answers at once. Undefined (with a warning) for a malformed offer or an
 * unknown serialization.
 */
export function connectionFromOffer(
  message: RelayedMessage,
  host: ConnectionHost,
): DataConnection | MediaConnection | undefined {
  const { src, payload } = message;
  if (!isOfferPayload(payload)) {
    host.logger.warn(`Ignoring a malformed OFFER from ${src}`);
    return undefined;
  }
  if (payload.type === 'media') {
    return new MediaConnection(src, host, {
      connectionId: payload.connectionId,
      metadata: payload.metadata,
      offer: payload,
    });
  }
  const serialization =
    typeof payload.serialization === 'string' ? payload.serialization : 'binary';
  const codec = host.codecFor(serialization);
  if (!codec) {
    host.logger.warn(`Ignoring a connection with unknown serialization "${serialization}"`);
    return undefined;
  }
  return new DataConnection(src, host, {
    connectionId: payload.connectionId,
    codec,
    label: typeof payload.label === 'string' ? payload.label : undefined,
    metadata: payload.metadata,
    reliable: payload.reliable === true,
    offer: payload,
  });
}
