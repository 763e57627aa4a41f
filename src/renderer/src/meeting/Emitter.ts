/**
 * A small typed event emitter: `Events` maps each event name to its listener signature, so
 * `on('joined', …)` and `emit('joined', …)` are checked by the compiler. Listener errors are
 * isolated: one throwing listener does not stop the others, and the error goes to `onListenerError`.
 */
/** An events map: each event name to its listener signature. Interfaces satisfy it too. */
export type EventMap<Events> = { [E in keyof Events]: (...args: never[]) => void };

export class Emitter<Events extends EventMap<Events>> {
  readonly #listeners = new Map<keyof Events, Set<Events[keyof Events]>>();

  constructor(private readonly onListenerError: (error: unknown) => void = reportListenerError) {}

  /** Adds a listener; returns a function that removes it. */
  on<E extends keyof Events>(event: E, listener: Events[E]): () => void {
    let set = this.#listeners.get(event);
    if (!set) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    set.add(listener);
    return () => {
      this.off(event, listener);
    };
  }

  /** Adds a listener that runs at most once. */
  once<E extends keyof Events>(event: E, listener: Events[E]): () => void {
    const wrapper = ((...args: Parameters<Events[E]>) => {
      this.off(event, wrapper);
      listener(...args);
    }) as Events[E];
    return this.on(event, wrapper);
  }

  /** Removes a listener added with `on`. */
  off<E extends keyof Events>(event: E, listener: Events[E]): void {
    this.#listeners.get(event)?.delete(listener);
  }

  /** Calls every listener of `event` with `args`, in the order they were added. */
  emit<E extends keyof Events>(event: E, ...args: Parameters<Events[E]>): void {
    const set = this.#listeners.get(event);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(...args);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  /** Removes every listener of every event. */
  removeAllListeners(): void {
    this.#listeners.clear();
  }
}

function reportListenerError(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}
