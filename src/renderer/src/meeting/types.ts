/** Shared types of the meeting engine (no Vue, no DOM beyond WebRTC types). */

/** What every participant tells the others about itself. */
export interface ParticipantState {
  muted: boolean;
  cameraOff: boolean;
  screenSharing: boolean;
  handRaised: boolean;
  speaking: boolean;
}

/** A participant as it travels in `hello` and roster gossip. */
export interface PeerInfo {
  /** The participant's peer id on the signaling server. */
  id: string;
  /** Display name, as typed by the person (untrusted text). */
  name: string;
  state: ParticipantState;
  /** When the participant joined, in ms since the epoch by its own clock. */
  joinedAt: number;
}

/** One chat message. `(senderId, seq)` identifies it as well as `id`. */
export interface ChatMessage {
  /** Globally unique id: `${senderId}:${seq}`. */
  id: string;
  senderId: string;
  /** Per-sender sequence number, starting at 1, no gaps. */
  seq: number;
  /** Sender's clock, ms since the epoch. */
  sentAt: number;
  /** Untrusted text: render with text interpolation only. */
  text: string;
  /**
   * Set locally (never taken from the wire) when the message came from a third party's history,
   * not from its sender; cleared when the sender confirms it (ChatRelay).
   */
  relayed?: true;
}

/** The participant state everybody starts with. */
export const INITIAL_STATE: Readonly<ParticipantState> = Object.freeze({
  muted: false,
  cameraOff: false,
  screenSharing: false,
  handRaised: false,
  speaking: false,
});

/** A monotonic-enough clock and timers, injected so tests control time. */
export interface Clock {
  now(): number;
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setInterval: (callback, ms) => setInterval(callback, ms),
  clearInterval: (handle) => {
    clearInterval(handle as ReturnType<typeof setInterval>);
  },
};
