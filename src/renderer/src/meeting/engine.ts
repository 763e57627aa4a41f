/**
 * The API of the meeting engine as the UI consumes it (stores/meeting.ts). `Meeting` implements
 * it on top of ../peer; the store depends only on this interface, so the view can be built and
 * tested before (and without) a network.
 */
import type { Emitter } from './Emitter';
import type { FileTransferInfo, FileTransferState } from './fileTypes';
import type { QualityDecision } from './QualityPolicy';
import type { LeaveReason, Participant } from './RosterModel';
import type { ChatMessage, ParticipantState } from './types';

export type MediaKind = 'camera' | 'screen';

/** Per-connection statistics, every second. */
export interface ConnectionStats {
  participantId: string;
  at: number;
  /** Receive bitrate of this participant's media, bits/s. */
  bitrateIn: number;
  /** Our send bitrate to this participant, bits/s. */
  bitrateOut: number;
  /** Fraction of packets lost in the last interval, 0..1. */
  packetLoss: number;
  rttMs: number | undefined;
  fps: number | undefined;
  width: number | undefined;
  height: number | undefined;
  /** What the quality policy chose for what we send, and why. */
  sending: QualityDecision | undefined;
}

export type ConnectionQuality = 'good' | 'fair' | 'poor' | 'unknown';

/** A three-level quality indicator from stats (thresholds as in common meeting apps). */
export function qualityOf(stats: ConnectionStats | undefined): ConnectionQuality {
  if (!stats) return 'unknown';
  const rtt = stats.rttMs ?? 0;
  if (stats.packetLoss > 0.08 || rtt > 600) return 'poor';
  if (stats.packetLoss > 0.02 || rtt > 250) return 'fair';
  return 'good';
}

export type MeetingErrorType =
  | 'invalid-code'
  | 'server-unreachable'
  | 'meeting-not-found'
  | 'peer-failed'
  | 'media-failed'
  | 'unknown';

export class MeetingError extends Error {
  override readonly name = 'MeetingError';
  constructor(
    readonly type: MeetingErrorType,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface MeetingEngineEvents {
  /** A participant appeared (by gossip or its own hello). */
  'participant-joined': (participant: Participant) => void;
  /** A participant's name, state or connection status changed. */
  'participant-updated': (participant: Participant) => void;
  /** A participant left on purpose or dropped. */
  'participant-left': (participant: Participant, reason: LeaveReason) => void;
  /** A remote stream arrived (camera or screen) or its tracks changed. */
  'media-added': (participantId: string, kind: MediaKind, stream: MediaStream) => void;
  /** A remote stream ended. */
  'media-removed': (participantId: string, kind: MediaKind) => void;
  /**
   * A chat message arrived or was sent, in history order, once each. `relayed`: it came from a
   * third party's history, not from its sender (see ChatRelay).
   */
  chat: (message: ChatMessage) => void;
  /** Its sender confirmed (or corrected) a message we had as relayed: same id, replaces it. */
  'chat-updated': (message: ChatMessage) => void;
  /** Stats of one connection, every second. */
  stats: (stats: ConnectionStats) => void;
  /** The active speaker changed (undefined: nobody yet). */
  'active-speaker': (participantId: string | undefined) => void;
  /** Something failed; `fatal` errors end the meeting. */
  error: (error: MeetingError, fatal: boolean) => void;
  /** We left (or were disconnected for good). */
  ended: () => void;
  /**
   * Someone offers us a file (state `offered`): the UI asks to accept or decline; nothing is
   * transferred before acceptFile(). Offers too large to hold arrive already declined.
   */
  'file-offered': (transfer: FileTransferInfo) => void;
  /** A file transfer began: our offer (per participant) went out, or we accepted one. */
  'file-started': (transfer: FileTransferInfo) => void;
  /** The receiver accepted, or more bytes of a transfer were delivered. */
  'file-progress': (transfer: FileTransferInfo) => void;
  /** An incoming file is complete. */
  'file-received': (transfer: FileTransferInfo, file: Blob) => void;
  /** A transfer finished (`state`: done, cancelled, declined, expired or failed). */
  'file-ended': (transfer: FileTransferInfo) => void;
}

export type { FileTransferInfo, FileTransferState };

/** What the UI can do with a meeting. */
export interface MeetingEngine extends Pick<Emitter<MeetingEngineEvents>, 'on' | 'off'> {
  readonly selfId: string;
  readonly code: string;
  /** The signaling server the meeting is on, once join() chose it (optional for scripted engines). */
  readonly server?: SignalingServer | undefined;
  readonly participants: () => Participant[];
  readonly chatHistory: () => readonly ChatMessage[];
  /** Connects to the meeting (creates it when `create`). */
  join(): Promise<void>;
  /** Leaves: says bye to everyone, closes every connection. */
  leave(): void;
  /** Our state as the others see it (muted, cameraOff, handRaised, speaking...). */
  setState(patch: Partial<ParticipantState>): void;
  /** Replaces the camera/microphone stream sent to everyone. */
  setLocalStream(stream: MediaStream | null): void;
  /** Starts (stream) or stops (null) sharing the screen. */
  setScreenStream(stream: MediaStream | null): void;
  sendChat(text: string): ChatMessage;
  /**
   * Sends a file to everyone connected (one transfer per participant). Optional: engines
   * without file transfer leave it out and the UI hides the button.
   */
  sendFile?(file: Blob, name: string): FileTransferInfo[];
  /** Stops a transfer, ours or incoming. */
  cancelFile?(transferId: string): void;
  /** Accepts a file offered to us (`file-offered`); false when it was refused (no room). */
  acceptFile?(transferId: string): boolean;
  /** Declines a file offered to us; the sender is told. */
  declineFile?(transferId: string): void;
}

/** What the store needs to create an engine. */
export interface MeetingJoinRequest {
  code: string;
  displayName: string;
  create: boolean;
  localStream: MediaStream | null;
  state: ParticipantState;
  iceServers: RTCIceServer[];
  /** The signaling server to use (a LAN discovery entry or a web link); default: the app's own. */
  server?: SignalingServer;
  /**
   * `server` (path, key) and `iceServers` already include what the server's `parley/config`
   * says (the web lobby read it): the engine does not read it again.
   */
  serverConfigKnown?: boolean;
}

/** Where a meeting's signaling server is. */
export interface SignalingServer {
  host: string;
  port: number;
  path: string;
  key: string;
  secure: boolean;
}

export type MeetingEngineFactory = (request: MeetingJoinRequest) => MeetingEngine;
