import { Duplex } from 'node:stream';
import { framePayload } from '../frames';
import type { BucketState } from '../services/RateLimiter';

/** What a client model needs of its socket (a `ws` WebSocket in the server). */
export interface ClientSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: string | Buffer, options: { binary: boolean }): void;
  close(code?: number, reason?: string): void;
  /** Destroys the connection without a close handshake. */
  terminate(): void;
  /** Stops / restarts reading frames (flow control). */
  pause(): void;
  resume(): void;
}

const OPEN = 1;
/** Everything the server sends is JSON text, Buffers included. */
const TEXT = { binary: false } as const;

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

  /** Sends a JSON text frame (given as a string or as UTF-8 bytes). */
  send(data: string | Buffer): void {
    this.socket.send(data, TEXT);
  }

  /**
   * Sends a complete text frame made by `textFrame` / `relayFrame` (header included): written
   * straight to the TCP stream under the `ws` socket, as one chunk, rather than through `ws`'s
   * sender (which would frame it again and write header and payload separately). Ordering with
   * frames `ws` writes is kept: with compression off and no Blobs (never used here), `ws`
   * writes every frame synchronously to the same stream. `bufferedAmount` still counts these
   * bytes (it reads the stream's buffer). Like `ws`'s send, it does nothing unless OPEN.
   *
   * `ws` keeps the stream in the undocumented `_socket` field; if that ever changes, the frame
   * goes through `ws`'s send instead (still correct).
   */
  sendFrame(frame: Buffer): void {
    const socket = this.socket;
    if (socket.readyState !== OPEN) return;
    const stream: unknown = Reflect.get(socket, '_socket');
    if (stream instanceof Duplex) {
      if (stream.writable) stream.write(frame);
    } else {
      socket.send(framePayload(frame), TEXT);
    }
  }
}
