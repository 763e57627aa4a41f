/** A listener map: event name → listener signature. Each emitter declares one (see events.ts). */
export type EventMap<E> = { [K in keyof E]: (...args: never[]) => void };

type Listener = (...args: never[]) => void;

/**
 * A small, strictly typed event emitter (the subset of eventemitter3 PeerJS users call:
 * on/once/off/addListener/removeListener/removeAllListeners/listenerCount/emit).
 *
 * A listener that throws does not stop the other listeners nor the emitter's own work: the
 * error is reported to the host (`reportError`, as an uncaught error would be).
 */
export class TypedEmitter<E extends EventMap<E>> {
  readonly #listeners = new Map<keyof E, { fn: Listener; once: boolean }[]>();

  on<K extends keyof E>(event: K, listener: E[K]): this {
    return this.#add(event, listener, false);
  }

  addListener<K extends keyof E>(event: K, listener: E[K]): this {
    return this.#add(event, listener, false);
  }

  once<K extends keyof E>(event: K, listener: E[K]): this {
    return this.#add(event, listener, true);
  }

  off<K extends keyof E>(event: K, listener?: E[K]): this {
    return this.removeListener(event, listener);
  }

  removeListener<K extends keyof E>(event: K, listener?: E[K]): this {
    const list = this.#listeners.get(event);
    if (!list) return this;
    const kept = listener === undefined ? [] : list.filter((entry) => entry.fn !== listener);
    if (kept.length === 0) this.#listeners.delete(event);
    else this.#listeners.set(event, kept);
    return this;
  }

  removeAllListeners(event?: keyof E): this {
    if (event === undefined) this.#listeners.clear();
    else this.#listeners.delete(event);
    return this;
  }

  listenerCount(event: keyof E): number {
    return this.#listeners.get(event)?.length ?? 0;
  }

  /** Calls every listener of `event` in order; returns whether there was any. */
  emit<K extends keyof E>(event: K, ...args: Parameters<E[K]>): boolean {
    const list = this.#listeners.get(event);
    if (!list || list.length === 0) return false;
    for (const entry of [...list]) {
      if (entry.once) this.removeListener(event, entry.fn as E[K]);
      try {
        (entry.fn as (...a: Parameters<E[K]>) => void)(...args);
      } catch (error) {
        reportListenerError(error);
      }
    }
    return true;
  }

  #add<K extends keyof E>(event: K, listener: E[K], once: boolean): this {
    if (typeof listener !== 'function') throw new TypeError('The listener must be a function');
    const list = this.#listeners.get(event) ?? [];
    list.push({ fn: listener, once });
    this.#listeners.set(event, list);
    return this;
  }
}

function reportListenerError(error: unknown): void {
  if (typeof globalThis.reportError === 'function') globalThis.reportError(error);
  else
    setTimeout(() => {
      throw error;
    }, 0);
}
