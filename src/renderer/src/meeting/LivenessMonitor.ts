/**
 * Detects silent drops over the control channel. Every `intervalMs` it pings each tracked peer;
 * any message from a peer counts as a sign of life, and a peer silent for `timeoutMs` is reported
 * as dropped (once) and untracked. Pongs also give a round-trip time per peer.
 * The clock is injected so tests drive time by hand.
 */
import { Emitter } from './Emitter';
import type { PingMessage, PongMessage } from './protocol';
import { systemClock, type Clock } from './types';

export interface LivenessEvents {
  /** A tracked peer sent nothing for `timeoutMs`; it is no longer tracked. */
  dropped: (peerId: string, silentForMs: number) => void;
  /** A pong answered one of our pings. */
  rtt: (peerId: string, rttMs: number) => void;
}

export interface LivenessOptions {
  /** Sends a ping to a peer over its control connection. */
  sendPing: (peerId: string, ping: PingMessage) => void;
  /** Ping period. Default 1000 ms. */
  intervalMs?: number;
  /** Silence after which a peer is dropped. Default 5000 ms. */
  timeoutMs?: number;
  clock?: Clock;
}

interface Tracked {
  lastHeard: number;
  rttMs: number | undefined;
}

export class LivenessMonitor extends Emitter<LivenessEvents> {
  readonly #peers = new Map<string, Tracked>();
  readonly #sendPing: LivenessOptions['sendPing'];
  readonly #clock: Clock;
  readonly intervalMs: number;
  readonly timeoutMs: number;
  #timer: unknown = undefined;
  #nonce = 0;

  constructor(options: LivenessOptions) {
    super();
    this.#sendPing = options.sendPing;
    this.#clock = options.clock ?? systemClock;
    this.intervalMs = options.intervalMs ?? 1000;
    this.timeoutMs = options.timeoutMs ?? 5000;
    if (!(this.intervalMs > 0) || !(this.timeoutMs > this.intervalMs)) {
      throw new RangeError('LivenessMonitor needs 0 < intervalMs < timeoutMs');
    }
  }

  /** Starts the ping timer (idempotent). */
  start(): void {
    if (this.#timer !== undefined) return;
    this.#timer = this.#clock.setInterval(() => {
      this.tick();
    }, this.intervalMs);
  }

  /** Stops the timer and forgets every peer. */
  stop(): void {
    if (this.#timer !== undefined) this.#clock.clearInterval(this.#timer);
    this.#timer = undefined;
    this.#peers.clear();
  }

  /** Starts watching a peer (its control connection just opened). */
  track(peerId: string): void {
    this.#peers.set(peerId, { lastHeard: this.#clock.now(), rttMs: undefined });
  }

  /** Stops watching a peer (it left on purpose). */
  untrack(peerId: string): void {
    this.#peers.delete(peerId);
  }

  isTracked(peerId: string): boolean {
    return this.#peers.has(peerId);
  }

  /** Call for every control message received from `peerId`. */
  heard(peerId: string): void {
    const peer = this.#peers.get(peerId);
    if (peer) peer.lastHeard = this.#clock.now();
  }

  /** Call when a pong arrives; records its round-trip time. */
  pong(peerId: string, pong: PongMessage): void {
    const peer = this.#peers.get(peerId);
    if (!peer) return;
    const now = this.#clock.now();
    peer.lastHeard = now;
    const rtt = now - pong.sentAt;
    if (rtt < 0 || rtt > this.timeoutMs * 10) return;
    peer.rttMs = rtt;
    this.emit('rtt', peerId, rtt);
  }

  /** The answer to a ping. */
  static pongFor(ping: PingMessage): PongMessage {
    return { type: 'pong', nonce: ping.nonce, sentAt: ping.sentAt };
  }

  /** Last round-trip time measured to a peer. */
  rtt(peerId: string): number | undefined {
    return this.#peers.get(peerId)?.rttMs;
  }

  /** One round: report peers silent for too long, ping the others. Called by the timer. */
  tick(): void {
    const now = this.#clock.now();
    for (const [peerId, peer] of [...this.#peers]) {
      const silent = now - peer.lastHeard;
      if (silent >= this.timeoutMs) {
        this.#peers.delete(peerId);
        this.emit('dropped', peerId, silent);
        continue;
      }
      this.#nonce += 1;
      try {
        this.#sendPing(peerId, { type: 'ping', nonce: this.#nonce, sentAt: now });
      } catch {
        // A closed channel cannot take a ping: the silence will report the drop.
      }
    }
  }
}
