/**
 * Picks the active speaker from audio levels, with hysteresis so the highlight does not jump
 * around: a participant is `speaking` once its level stays above `onLevel` for `attackMs` and stops
 * after `releaseMs` below `offLevel`; the active speaker changes only when another participant is
 * speaking and louder by `switchMargin` for `holdMs`, and stays on the last one during silence.
 * Pure: times are passed in.
 */
export interface ActiveSpeakerOptions {
  /** RMS level (0..1) that starts speech. Default 0.06. */
  onLevel?: number;
  /** RMS level below which speech may end. Default 0.03. */
  offLevel?: number;
  /** Time above onLevel before `speaking`. Default 150 ms. */
  attackMs?: number;
  /** Time below offLevel before not `speaking`. Default 800 ms. */
  releaseMs?: number;
  /** Time another speaker must dominate before taking over. Default 600 ms. */
  holdMs?: number;
  /** Ratio by which the challenger must be louder (smoothed). Default 1.25. */
  switchMargin?: number;
  /** Exponential smoothing factor of levels per update (0..1]. Default 0.35. */
  smoothing?: number;
}

interface Track {
  smoothed: number;
  speaking: boolean;
  aboveSince: number | undefined;
  belowSince: number | undefined;
}

export interface SpeakerUpdate {
  activeSpeaker: string | undefined;
  speaking: ReadonlySet<string>;
  /** True when activeSpeaker or speaking changed in this update. */
  changed: boolean;
}

export class ActiveSpeakerDetector {
  readonly #o: Required<ActiveSpeakerOptions>;
  readonly #tracks = new Map<string, Track>();
  #active: string | undefined;
  #challenger: { id: string; since: number } | undefined;

  constructor(options: ActiveSpeakerOptions = {}) {
    this.#o = {
      onLevel: 0.06,
      offLevel: 0.03,
      attackMs: 150,
      releaseMs: 800,
      holdMs: 600,
      switchMargin: 1.25,
      smoothing: 0.35,
      ...options,
    };
  }

  get activeSpeaker(): string | undefined {
    return this.#active;
  }

  /** Forgets a participant who left. */
  remove(id: string): void {
    this.#tracks.delete(id);
    if (this.#active === id) this.#active = undefined;
    if (this.#challenger?.id === id) this.#challenger = undefined;
  }

  /** Feeds the latest levels (0..1 per participant id) measured at `now` ms. */
  update(levels: Readonly<Record<string, number>>, now: number): SpeakerUpdate {
    const o = this.#o;
    let changed = false;
    for (const [id, raw] of Object.entries(levels)) {
      const level = Number.isFinite(raw) ? Math.min(1, Math.max(0, raw)) : 0;
      let t = this.#tracks.get(id);
      if (!t) {
        t = { smoothed: level, speaking: false, aboveSince: undefined, belowSince: undefined };
        this.#tracks.set(id, t);
      }
      t.smoothed += (level - t.smoothed) * o.smoothing;
      if (t.smoothed >= o.onLevel) {
        t.aboveSince ??= now;
        t.belowSince = undefined;
        if (!t.speaking && now - t.aboveSince >= o.attackMs) {
          t.speaking = true;
          changed = true;
        }
      } else {
        t.aboveSince = undefined;
        if (t.smoothed < o.offLevel) t.belowSince ??= now;
        if (t.speaking && t.belowSince !== undefined && now - t.belowSince >= o.releaseMs) {
          t.speaking = false;
          changed = true;
        }
      }
    }
    if (this.#pickActive(now)) changed = true;
    const speaking = new Set([...this.#tracks].filter(([, t]) => t.speaking).map(([id]) => id));
    return { activeSpeaker: this.#active, speaking, changed };
  }

  #pickActive(now: number): boolean {
    let loudest: [string, Track] | undefined;
    for (const entry of this.#tracks) {
      if (entry[1].speaking && (!loudest || entry[1].smoothed > loudest[1].smoothed))
        loudest = entry;
    }
    if (!loudest || loudest[0] === this.#active) {
      this.#challenger = undefined;
      return false;
    }
    const current = this.#active === undefined ? undefined : this.#tracks.get(this.#active);
    if (!current?.speaking) {
      this.#active = loudest[0];
      this.#challenger = undefined;
      return true;
    }
    if (loudest[1].smoothed < current.smoothed * this.#o.switchMargin) {
      this.#challenger = undefined;
      return false;
    }
    if (this.#challenger?.id !== loudest[0]) this.#challenger = { id: loudest[0], since: now };
    if (now - this.#challenger.since < this.#o.holdMs) return false;
    this.#active = loudest[0];
    this.#challenger = undefined;
    return true;
  }
}
