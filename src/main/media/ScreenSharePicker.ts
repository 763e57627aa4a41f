/**
 * The screen-share picker flow: Electron's display-media request handler hands us a callback; we
 * keep it, ask the renderer to show its picker (with thumbnails), and call the callback exactly
 * once: with the chosen source, or with nothing (deny) on cancel, timeout, unknown source or when
 * the window goes away.
 */
import { EventEmitter } from 'node:events';
import type { ScreenPickRequest, ScreenSource } from '../../shared/ipc-contract';

/** The decision handed back to Electron's callback: a source id, or null to deny. */
export interface ScreenPickDecision {
  readonly sourceId: string | null;
  readonly audio: boolean;
}

export interface ScreenSharePickerEvents {
  /** A page asked to share its screen: show the picker with these sources. */
  'pick-request': [request: ScreenPickRequest];
  /** A pending request ended without an answer from the picker (timeout, superseded, disposed). */
  'pick-cancelled': [requestId: string];
}

export interface ScreenSharePickerOptions {
  /** How long the picker may stay open. Default 120 s. */
  timeoutMs?: number;
  /** Makes request ids; default crypto.randomUUID. */
  newId?: () => string;
}

interface Pending {
  readonly sources: ReadonlyMap<string, ScreenSource>;
  readonly audioRequested: boolean;
  readonly decide: (decision: ScreenPickDecision) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export class ScreenSharePicker extends EventEmitter<ScreenSharePickerEvents> {
  readonly #timeoutMs: number;
  readonly #newId: () => string;
  readonly #pending = new Map<string, Pending>();

  constructor(options: ScreenSharePickerOptions = {}) {
    super();
    this.#timeoutMs = options.timeoutMs ?? 120_000;
    this.#newId = options.newId ?? (() => crypto.randomUUID());
  }

  /** Number of requests waiting for the picker. */
  get pendingCount(): number {
    return this.#pending.size;
  }

  /**
   * Starts a pick. Only one picker at a time: an older pending request is denied first.
   * `decide` is called exactly once.
   */
  request(
    sources: readonly ScreenSource[],
    audioRequested: boolean,
    decide: (d: ScreenPickDecision) => void,
  ): string {
    for (const id of [...this.#pending.keys()])
      this.#finish(id, { sourceId: null, audio: false }, true);
    const requestId = this.#newId();
    const timer = setTimeout(() => {
      this.#finish(requestId, { sourceId: null, audio: false }, true);
    }, this.#timeoutMs);
    timer.unref();
    this.#pending.set(requestId, {
      sources: new Map(sources.map((s) => [s.id, s])),
      audioRequested,
      decide,
      timer,
    });
    this.emit('pick-request', { requestId, sources, audioRequested });
    return requestId;
  }

  /**
   * The renderer's answer. A null or unknown source denies. Returns false when the request is not
   * pending (already answered, timed out, or never existed).
   */
  choose(requestId: string, sourceId: string | null, audio: boolean): boolean {
    const pending = this.#pending.get(requestId);
    if (!pending) return false;
    const known = sourceId !== null && pending.sources.has(sourceId);
    this.#finish(
      requestId,
      known
        ? { sourceId, audio: audio && pending.audioRequested }
        : { sourceId: null, audio: false },
      false,
    );
    return true;
  }

  /** Denies every pending request (window closed, app quitting). */
  cancelAll(): void {
    for (const id of [...this.#pending.keys()])
      this.#finish(id, { sourceId: null, audio: false }, true);
  }

  #finish(requestId: string, decision: ScreenPickDecision, notify: boolean): void {
    const pending = this.#pending.get(requestId);
    if (!pending) return;
    this.#pending.delete(requestId);
    clearTimeout(pending.timer);
    pending.decide(decision);
    if (notify) this.emit('pick-cancelled', requestId);
  }
}
