/**
 * The PeerJS signaling wire protocol (peer server 1.0.x ↔ peerjs client 1.5.x), as a
 * discriminated union with runtime guards. Used by the LAN server (to validate every frame a
 * client sends) and by the peer client (to validate every frame the server sends).
 *
 * Pure TypeScript: no Node, DOM or Electron imports.
 */

/** Every message type that travels on the signaling socket. Values are PeerJS's, exactly. */
export const MessageType = {
  /** Server → client: registration accepted. */
  Open: 'OPEN',
  /** Server → client: something went wrong; payload.msg says what. */
  Error: 'ERROR',
  /** Server → client: the requested id is in use (and the token did not match). */
  IdTaken: 'ID-TAKEN',
  /** Server → client: the key is not the server's key. */
  InvalidKey: 'INVALID-KEY',
  /** Client → server: keep-alive. */
  Heartbeat: 'HEARTBEAT',
  /** Relayed: an SDP offer. */
  Offer: 'OFFER',
  /** Relayed: an SDP answer. */
  Answer: 'ANSWER',
  /** Relayed: an ICE candidate. */
  Candidate: 'CANDIDATE',
  /** Relayed: the sender closed its side; without dst, the sender leaves the server. */
  Leave: 'LEAVE',
  /** Server → client: a message queued for a peer that never connected was dropped. */
  Expire: 'EXPIRE',
} as const;

export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** JSON values as they come off the wire. */
export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Types a client may send to the server. */
export const CLIENT_MESSAGE_TYPES = [
  MessageType.Heartbeat,
  MessageType.Offer,
  MessageType.Answer,
  MessageType.Candidate,
  MessageType.Leave,
  MessageType.Expire,
] as const;
export type ClientMessageType = (typeof CLIENT_MESSAGE_TYPES)[number];

/** Types the server relays from one client to another. */
export const RELAYED_MESSAGE_TYPES = [
  MessageType.Offer,
  MessageType.Answer,
  MessageType.Candidate,
  MessageType.Leave,
  MessageType.Expire,
] as const;
export type RelayedMessageType = (typeof RELAYED_MESSAGE_TYPES)[number];

/** A frame as sent by a client. The server stamps `src` before relaying. */
export type ClientMessage =
  | { type: typeof MessageType.Heartbeat }
  | { type: RelayedMessageType; dst?: string; payload?: JsonObject };

/** A relayed frame as delivered by the server. */
export interface RelayedMessage {
  type: RelayedMessageType;
  src: string;
  dst: string;
  payload?: JsonObject;
}

/** A frame as sent by the server. */
export type ServerMessage =
  | { type: typeof MessageType.Open }
  | { type: typeof MessageType.Heartbeat }
  | {
      type: typeof MessageType.Error | typeof MessageType.IdTaken | typeof MessageType.InvalidKey;
      payload: { msg: string };
    }
  | RelayedMessage;

/** Largest id the Parley server accepts (PeerJS itself sets none). */
export const MAX_ID_LENGTH = 64;

/**
 * PeerJS id rule: starts and ends with an alphanumeric character; dashes, underscores and
 * spaces allowed inside (PeerJS allows runs of them too). Parley adds a length cap.
 */
export function isValidPeerId(id: unknown): id is string {
  return (
    typeof id === 'string' &&
    id.length > 0 &&
    id.length <= MAX_ID_LENGTH &&
    /^[A-Za-z0-9](?:[A-Za-z0-9 _-]*[A-Za-z0-9])?$/.test(id)
  );
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

/** Why a client frame was rejected; `reason` is safe to send back in an ERROR. */
export type ParseResult<T> = { ok: true; message: T } | { ok: false; reason: string };

/**
 * Validates a decoded JSON value as a client frame. Never throws. Unknown extra fields are
 * dropped; `src` from the client is ignored (the server stamps its own).
 */
export function parseClientMessage(value: unknown): ParseResult<ClientMessage> {
  if (!isJsonObject(value)) return { ok: false, reason: 'Message must be a JSON object' };
  const { type, dst, payload } = value;
  if (!isOneOf(CLIENT_MESSAGE_TYPES, type)) {
    return { ok: false, reason: 'Unknown or missing message type' };
  }
  if (type === MessageType.Heartbeat) return { ok: true, message: { type } };
  if (dst !== undefined && !isValidPeerId(dst)) {
    return { ok: false, reason: 'Invalid dst' };
  }
  if (payload !== undefined && !isJsonObject(payload)) {
    return { ok: false, reason: 'Payload must be a JSON object' };
  }
  if (dst === undefined && type !== MessageType.Leave) {
    return { ok: false, reason: `${type} needs a dst` };
  }
  const message: ClientMessage = { type };
  if (dst !== undefined) message.dst = dst;
  if (payload !== undefined) message.payload = payload;
  return { ok: true, message };
}

/** Validates a decoded JSON value as a server frame (used by the client). Never throws. */
export function parseServerMessage(value: unknown): ParseResult<ServerMessage> {
  if (!isJsonObject(value)) return { ok: false, reason: 'Message must be a JSON object' };
  const { type } = value;
  switch (type) {
    case MessageType.Open:
    case MessageType.Heartbeat:
      return { ok: true, message: { type } };
    case MessageType.Error:
    case MessageType.IdTaken:
    case MessageType.InvalidKey: {
      const payload = value.payload;
      const msg = isJsonObject(payload) && typeof payload.msg === 'string' ? payload.msg : '';
      return { ok: true, message: { type, payload: { msg } } };
    }
    default: {
      if (!isOneOf(RELAYED_MESSAGE_TYPES, type)) {
        return { ok: false, reason: 'Unknown or missing message type' };
      }
      const { src, dst, payload } = value;
      if (typeof src !== 'string' || src.length === 0) return { ok: false, reason: 'Missing src' };
      if (payload !== undefined && !isJsonObject(payload)) {
        return { ok: false, reason: 'Payload must be a JSON object' };
      }
      const message: RelayedMessage = { type, src, dst: typeof dst === 'string' ? dst : '' };
      if (payload !== undefined) message.payload = payload;
      return { ok: true, message };
    }
  }
}

/** Connection kinds carried in OFFER/ANSWER payloads. */
export const ConnectionType = { Data: 'data', Media: 'media' } as const;
export type ConnectionType = (typeof ConnectionType)[keyof typeof ConnectionType];

/** OFFER payload, as peerjs 1.5 sends it. */
export interface OfferPayload {
  sdp: { type: 'offer'; sdp: string };
  type: ConnectionType;
  connectionId: string;
  metadata?: JsonValue;
  label?: string;
  reliable?: boolean;
  serialization?: string;
  browser?: string;
}

/** ANSWER payload, as peerjs 1.5 sends it. */
export interface AnswerPayload {
  sdp: { type: 'answer'; sdp: string };
  type: ConnectionType;
  connectionId: string;
  browser?: string;
}

/** CANDIDATE payload, as peerjs 1.5 sends it. */
export interface CandidatePayload {
  candidate: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null };
  type: ConnectionType;
  connectionId: string;
}

function hasSdp(value: JsonValue | undefined, kind: 'offer' | 'answer'): boolean {
  return isJsonObject(value) && value.type === kind && typeof value.sdp === 'string';
}

function isConnectionType(value: unknown): value is ConnectionType {
  return value === ConnectionType.Data || value === ConnectionType.Media;
}

export function isOfferPayload(p: JsonObject | undefined): p is JsonObject & OfferPayload {
  return (
    p !== undefined &&
    hasSdp(p.sdp, 'offer') &&
    isConnectionType(p.type) &&
    typeof p.connectionId === 'string'
  );
}

export function isAnswerPayload(p: JsonObject | undefined): p is JsonObject & AnswerPayload {
  return (
    p !== undefined &&
    hasSdp(p.sdp, 'answer') &&
    isConnectionType(p.type) &&
    typeof p.connectionId === 'string'
  );
}

export function isCandidatePayload(p: JsonObject | undefined): p is JsonObject & CandidatePayload {
  return (
    p !== undefined &&
    isJsonObject(p.candidate) &&
    typeof p.candidate.candidate === 'string' &&
    isConnectionType(p.type) &&
    typeof p.connectionId === 'string'
  );
}

/** Close codes the Parley server uses (RFC 6455 §7.4). */
export const CloseCode = {
  Normal: 1000,
  GoingAway: 1001,
  ProtocolError: 1002,
  UnsupportedData: 1003,
  InvalidPayload: 1007,
  PolicyViolation: 1008,
  MessageTooBig: 1009,
  TryAgainLater: 1013,
} as const;
