/** Test helpers for the meeting engine: a hand-driven clock. Not imported by production code. */
import type { Clock } from './types';

/** A clock whose time moves only when `advance` is called; interval timers fire as time passes. */
export class ManualClock implements Clock {
  #now: number;
  #nextId = 1;
  readonly #timers = new Map<number, { callback: () => void; ms: number; due: number }>();

  constructor(start = 1_000_000) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setInterval(callback: () => void, ms: number): unknown {
    const id = this.#nextId++;
    this.#timers.set(id, { callback, ms, due: this.#now + ms });
    return id;
  }

  clearInterval(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  /** Moves time forward by `ms`, firing due timers in order. */
  advance(ms: number): void {
    const end = this.#now + ms;
    for (;;) {
      let next: { id: number; due: number } | undefined;
      for (const [id, t] of this.#timers) if (!next || t.due < next.due) next = { id, due: t.due };
      if (!next || next.due > end) break;
      const timer = this.#timers.get(next.id);
      if (!timer) break;
      this.#now = timer.due;
      timer.due += timer.ms;
      timer.callback();
    }
    this.#now = end;
  }
}
