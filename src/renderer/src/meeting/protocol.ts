/**
 * The meeting control protocol: what participants say to each other over the json, reliable
 * control DataConnection of every pair. A discriminated union on `type`, with one runtime guard
 * (`parseControlMessage`) that every received value goes through: peers are untrusted.
 */
import type { ChatMessage, ParticipantState, PeerInfo } from './types';

/** Bumped when a message changes incompatibly; `hello` carries it. */
export const PROTOCOL_VERSION = 1;

/** Limits enforced on everything received. */
export const LIMITS = {
  nameLength: 64,
  idLength: 128,
  chatLength: 4000,
  knownPeers: 64,
  historyBatch: 500,
  fileNameLength: 255,
  fileSize: 2 * 1024 * 1024 * 1024,
  chunkSize: 256 * 1024,
} as const;

/** First message on a new control connection, both ways. */
export interface HelloMessage {
  type: 'hello';
  version: number;
  name: string;
  state: ParticipantState;
  joinedAt: number;
  /** Everyone the sender knows in the meeting, so a newcomer learns the whole roster. */
  knownPeers: PeerInfo[];
}
/** Roster gossip: sent when the sender learns of new participants. */
export interface RosterMessage {
  type: 'roster';
  peers: PeerInfo[];
}
/** The sender's state changed. */
export interface StateMessage {
  type: 'state';
  state: ParticipantState;
}
/** A chat message (the sender's own, or relayed history). */
export interface ChatControlMessage {
  type: 'chat';
  message: ChatMessage;
}
/** Cumulative acknowledgement: the sender holds every message of `senderId` up to `seq`. */
export interface ChatAckMessage {
  type: 'chat-ack';
  senderId: string;
  seq: number;
}
/** Asks for history: every message with seq greater than `since[senderId]` (all of unknown senders). */
export interface ChatSyncRequestMessage {
  type: 'chat-sync';
  since: Record<string, number>;
}
/** A batch of history in answer to `chat-sync`. */
export interface ChatHistoryMessage {
  type: 'chat-history';
  messages: ChatMessage[];
}
/** Liveness probe; the receiver answers `pong` with the same nonce. */
export interface PingMessage {
  type: 'ping';
  nonce: number;
  sentAt: number;
}
export interface PongMessage {
  type: 'pong';
  nonce: number;
  sentAt: number;
}
/**
 * Offers a file. Nothing more happens until the receiver answers: `file-accept`, then the chunks
 * follow on a dedicated binary DataConnection labelled with `fileId`; or `file-decline`.
 */
export interface FileOfferMessage {
  type: 'file-offer';
  fileId: string;
  name: string;
  size: number;
  mime: string;
  chunkSize: number;
}
/** The receiver wants the offered file: the sender opens the file connection. */
export interface FileAcceptMessage {
  type: 'file-accept';
  fileId: string;
}
/** The receiver does not want the offered file (declined, too large, or the offer expired). */
export interface FileDeclineMessage {
  type: 'file-decline';
  fileId: string;
  reason: string;
}
/** Progress of a file transfer: `index` of the last chunk received (receiver → sender). */
export interface FileChunkMessage {
  type: 'file-chunk';
  fileId: string;
  index: number;
  bytes: number;
}
/** Either side stops a transfer. */
export interface FileCancelMessage {
  type: 'file-cancel';
  fileId: string;
  reason: string;
}
/** The sender leaves the meeting on purpose (not a drop). */
export interface ByeMessage {
  type: 'bye';
}

export type ControlMessage =
  | HelloMessage
  | RosterMessage
  | StateMessage
  | ChatControlMessage
  | ChatAckMessage
  | ChatSyncRequestMessage
  | ChatHistoryMessage
  | PingMessage
  | PongMessage
  | FileOfferMessage
  | FileAcceptMessage
  | FileDeclineMessage
  | FileChunkMessage
  | FileCancelMessage
  | ByeMessage;

export type ControlMessageType = ControlMessage['type'];

/** Why a received value was rejected. */
export class ControlMessageError extends Error {
  override readonly name = 'ControlMessageError';
  readonly type = 'invalid-message';
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown, max: number, min = 0): v is string =>
  typeof v === 'string' && v.length >= min && v.length <= max;
const isInt = (v: unknown, min = 0, max = Number.MAX_SAFE_INTEGER): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Runtime guard for a participant state. */
export function isParticipantState(v: unknown): v is ParticipantState {
  return (
    isObj(v) &&
    typeof v.muted === 'boolean' &&
    typeof v.cameraOff === 'boolean' &&
    typeof v.screenSharing === 'boolean' &&
    typeof v.handRaised === 'boolean' &&
    typeof v.speaking === 'boolean'
  );
}

/** Runtime guard for a roster entry. */
export function isPeerInfo(v: unknown): v is PeerInfo {
  return (
    isObj(v) &&
    isStr(v.id, LIMITS.idLength, 1) &&
    isStr(v.name, LIMITS.nameLength) &&
    isParticipantState(v.state) &&
    isTime(v.joinedAt)
  );
}

/** Runtime guard for a chat message; also checks that `id` is `${senderId}:${seq}`. */
export function isChatMessage(v: unknown): v is ChatMessage {
  return (
    isObj(v) &&
    isStr(v.senderId, LIMITS.idLength, 1) &&
    isInt(v.seq, 1) &&
    v.id === chatMessageId(v.senderId, v.seq) &&
    isTime(v.sentAt) &&
    isStr(v.text, LIMITS.chatLength, 1)
  );
}

/** The id of the `seq`th message of `senderId`. */
export function chatMessageId(senderId: string, seq: number): string {
  return `${senderId}:${seq}`;
}

const isPeerList = (v: unknown): v is PeerInfo[] =>
  Array.isArray(v) && v.length <= LIMITS.knownPeers && v.every(isPeerInfo);

const validators: { [K in ControlMessageType]: (m: Obj) => boolean } = {
  hello: (m) =>
    isInt(m.version, 1) &&
    isStr(m.name, LIMITS.nameLength) &&
    isParticipantState(m.state) &&
    isTime(m.joinedAt) &&
    isPeerList(m.knownPeers),
  roster: (m) => isPeerList(m.peers),
  state: (m) => isParticipantState(m.state),
  chat: (m) => isChatMessage(m.message),
  'chat-ack': (m) => isStr(m.senderId, LIMITS.idLength, 1) && isInt(m.seq),
  'chat-sync': (m) =>
    isObj(m.since) &&
    Object.keys(m.since).length <= LIMITS.knownPeers &&
    Object.entries(m.since).every(([k, seq]) => k.length <= LIMITS.idLength && isInt(seq)),
  'chat-history': (m) =>
    Array.isArray(m.messages) &&
    m.messages.length <= LIMITS.historyBatch &&
    m.messages.every(isChatMessage),
  ping: (m) => isInt(m.nonce) && isTime(m.sentAt),
  pong: (m) => isInt(m.nonce) && isTime(m.sentAt),
  'file-offer': (m) =>
    isStr(m.fileId, LIMITS.idLength, 1) &&
    isStr(m.name, LIMITS.fileNameLength, 1) &&
    isInt(m.size, 0, LIMITS.fileSize) &&
    isStr(m.mime, 255) &&
    isInt(m.chunkSize, 1, LIMITS.chunkSize),
  'file-accept': (m) => isStr(m.fileId, LIMITS.idLength, 1),
  'file-decline': (m) => isStr(m.fileId, LIMITS.idLength, 1) && isStr(m.reason, 200),
  'file-chunk': (m) =>
    isStr(m.fileId, LIMITS.idLength, 1) && isInt(m.index) && isInt(m.bytes, 0, LIMITS.chunkSize),
  'file-cancel': (m) => isStr(m.fileId, LIMITS.idLength, 1) && isStr(m.reason, 200),
  bye: () => true,
};

/** True when `v` is a well-formed control message. */
export function isControlMessage(v: unknown): v is ControlMessage {
  if (!isObj(v) || typeof v.type !== 'string' || !Object.hasOwn(validators, v.type)) return false;
  return validators[v.type as ControlMessageType](v);
}

/** Returns `v` as a control message, or throws a `ControlMessageError` saying what is wrong. */
export function parseControlMessage(v: unknown): ControlMessage {
  if (!isObj(v)) throw new ControlMessageError('control message is not an object');
  if (typeof v.type !== 'string' || !Object.hasOwn(validators, v.type)) {
    throw new ControlMessageError(`unknown control message type: ${String(v.type).slice(0, 40)}`);
  }
  if (!isControlMessage(v)) throw new ControlMessageError(`malformed "${v.type}" message`);
  return v;
}
