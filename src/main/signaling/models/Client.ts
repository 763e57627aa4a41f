import type { BucketState } from '../services/RateLimiter';

/** What a client model needs of its socket (a `ws` WebSocket in the server). */
export interface ClientSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  /** Destroys the connection without a close handshake. */
  terminate(): void;
}

const OPEN = 1;

/**
 * A registered peer: its id, token and socket, plus the few numbers the server keeps per
 * client (last frame time, rate-limit bucket, invalid frame count). Deliberately small: the
 * server holds tens of thousands of these, and no per-client timers.
 */
export class Client implements BucketState {
  /** When the last frame arrived (ms, server clock). */
  lastSeen: number;
  /** Rate limiter bucket (see RateLimiter). */
  tokens = 0;
  refilledAt = 0;
  /** Frames rejected so far on this connection. */
  invalidFrames = 0;
  /** False once unregistered (left, dropped or replaced): its frames are ignored. */
  active = true;

  constructor(
    readonly id: string,
    readonly token: string,
    readonly socket: ClientSocket,
    readonly ip: string,
    now: number,
  ) {
    this.lastSeen = now;
  }

  /** True while frames written now will be sent. */
  get isOpen(): boolean {
    return this.socket.readyState === OPEN;
  }

  send(text: string): void {
    this.socket.send(text);
  }
}
