/**
 * The meeting's one-second heartbeat: per connected participant, stats (StatsCollector, which
 * also adapts sending quality) and audio levels, from which the active speaker and our own
 * `speaking` state follow; keeps camera senders in sync; and lists members on the server again
 * every `lookupIntervalMs`. Overlapping ticks are skipped (getStats can be slow under load).
 */
import type { ActiveSpeakerDetector } from './ActiveSpeakerDetector';
import type { ConnectionStats } from './engine';
import type { PeerLink } from './PeerLink';
import { StatsCollector } from './StatsCollector';

export interface MeshTickerOptions {
  selfId: string;
  /** The participants with an open control channel. */
  links: () => PeerLink[];
  speaker: ActiveSpeakerDetector;
  onStats: (stats: ConnectionStats) => void;
  onActiveSpeaker: (participantId: string | undefined) => void;
  /** Our own speaking state changed. */
  onSpeaking: (speaking: boolean) => void;
  /** Every tick, after stats (chat resend, roster expiry). */
  onSecond: (now: number) => void;
  /** Time to list members on the server again. */
  onLookup: () => void;
  lookupIntervalMs: number;
  /** Tick period. Default 1000 ms. */
  intervalMs?: number;
}

export class MeshTicker {
  readonly #o: MeshTickerOptions;
  readonly #collector = new StatsCollector();
  #timer: ReturnType<typeof setInterval> | undefined;
  #busy = false;
  #lastLookup = Date.now();
  #active: string | undefined;
  #speaking = false;

  constructor(options: MeshTickerOptions) {
    this.#o = options;
  }

  start(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => {
      void this.tick();
    }, this.#o.intervalMs ?? 1000);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #running(): boolean {
    return this.#timer !== undefined;
  }

  forget(participantId: string): void {
    this.#collector.forget(participantId);
    this.#o.speaker.remove(participantId);
  }

  async tick(): Promise<void> {
    if (this.#busy || this.#timer === undefined) return;
    this.#busy = true;
    try {
      const now = Date.now();
      const links = this.#o.links();
      const levels: Record<string, number> = {};
      let selfLevel: number | undefined;
      const results = await Promise.all(
        links.map((link) => {
          link.syncCamera();
          return this.#collector.collect(
            {
              participantId: link.remoteId,
              cameraPc: link.cameraPc,
              screenOutPc: link.screenOutPc,
              screenInPc: link.screenInPc,
            },
            links.length,
            now,
          );
        }),
      );
      if (!this.#running()) return; // stopped while measuring
      for (const r of results) {
        this.#o.onStats(r.stats);
        if (r.remoteAudioLevel !== undefined) levels[r.stats.participantId] = r.remoteAudioLevel;
        if (r.localAudioLevel !== undefined)
          selfLevel = Math.max(selfLevel ?? 0, r.localAudioLevel);
      }
      if (selfLevel !== undefined) levels[this.#o.selfId] = selfLevel;
      const update = this.#o.speaker.update(levels, now);
      if (update.activeSpeaker !== this.#active) {
        this.#active = update.activeSpeaker;
        this.#o.onActiveSpeaker(update.activeSpeaker);
      }
      const speaking = update.speaking.has(this.#o.selfId);
      if (speaking !== this.#speaking) {
        this.#speaking = speaking;
        this.#o.onSpeaking(speaking);
      }
      this.#o.onSecond(now);
      if (now - this.#lastLookup >= this.#o.lookupIntervalMs) {
        this.#lastLookup = now;
        this.#o.onLookup();
      }
    } finally {
      this.#busy = false;
    }
  }
}
