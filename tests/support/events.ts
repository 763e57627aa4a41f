/**
 * Buffers a typed emitter's events from the moment of subscription and waits for one matching a
 * predicate (like livekit's subscribeToEvents): no event is missed between an action and the
 * wait, and a timeout says what was seen instead.
 *
 *   const events = subscribeToEvents<SignalingServerEvents>(server, ['connection', 'disconnect']);
 *   await doSomething();
 *   const [id] = await events.waitFor('connection', (id) => id === 'alice');
 *
 * Give the events map explicitly (TypeScript cannot infer it from generic on/off methods): an
 * args map (Node's EventEmitter<M>, SignalingServerEvents) as is, a listener-style map
 * (eventemitter3, peerjs) through ArgsOf: subscribeToEvents<ArgsOf<PeerEvents>>(peer, ['open']).
 *   events.dispose();
 */

/** An events map as Node's typed EventEmitter declares it: event name → argument tuple. */
export type EventArgsMap<M> = { [K in keyof M]: unknown[] };

/** The args map of a listener-style events map ({ open: (id: string) => void }, eventemitter3). */
export type ArgsOf<L extends { [K in keyof L]: (...args: never[]) => void }> = {
  [K in keyof L]: Parameters<L[K]>;
};

/** What an emitter must offer: on/off for the events K of M. */
export interface Subscribable<M extends EventArgsMap<M>, K extends keyof M> {
  on(event: K, listener: (...args: M[K]) => void): unknown;
  off(event: K, listener: (...args: M[K]) => void): unknown;
}

/** One event as recorded. */
export interface RecordedEvent<
  M extends EventArgsMap<M>,
  K extends keyof M & string = keyof M & string,
> {
  readonly event: K;
  readonly args: M[K];
  /** Milliseconds since subscribeToEvents() was called. */
  readonly at: number;
}

/** Options of EventRecorder.waitFor(). */
export interface WaitForEventOptions {
  /** Give up after this many ms. Default: 20 000. */
  readonly timeoutMs?: number;
  /** What the wait is for, shown in the timeout error. */
  readonly description?: string;
}

/** The handle subscribeToEvents() returns. */
export interface EventRecorder<M extends EventArgsMap<M>, K extends keyof M & string> {
  /** Every event recorded so far, oldest first (consumed ones included). */
  readonly seen: readonly RecordedEvent<M, K>[];
  /**
   * Resolves with the arguments of the first not-yet-consumed `event` matching `predicate`
   * (recorded before or after the call), and consumes it, so two waits see two events.
   */
  waitFor<E extends K>(
    event: E,
    predicate?: (...args: M[E]) => boolean,
    options?: WaitForEventOptions,
  ): Promise<M[E]>;
  /** Removes the listeners and rejects pending waits. */
  dispose(): void;
}

interface Waiter {
  readonly event: string;
  readonly match: (args: readonly unknown[]) => boolean;
  readonly resolve: (index: number) => void;
  readonly reject: (error: Error) => void;
}

/** JSON.stringify, typed as it behaves: undefined for undefined and functions. */
const stringify: (value: unknown) => string | undefined = JSON.stringify;

function describeArgs(args: readonly unknown[]): string {
  const text = args
    .map((arg) => {
      try {
        return stringify(arg) ?? String(arg);
      } catch {
        return String(arg); // circular or otherwise unserializable
      }
    })
    .join(', ');
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

/** Starts recording `events` of `emitter`. Call dispose() when done (e.g. in afterEach). */
export function subscribeToEvents<
  M extends EventArgsMap<M>,
  K extends keyof M & string = keyof M & string,
>(emitter: Subscribable<M, K>, events: readonly K[]): EventRecorder<M, K> {
  const start = Date.now();
  const seen: RecordedEvent<M, K>[] = [];
  const consumed = new Set<number>();
  const waiters = new Set<Waiter>();
  const listeners = new Map<K, (...args: M[K]) => void>();

  const take = (waiter: Waiter, from = 0): boolean => {
    for (let i = from; i < seen.length; i++) {
      const record = seen[i];
      if (record === undefined || consumed.has(i) || record.event !== waiter.event) continue;
      let matched: boolean;
      try {
        matched = waiter.match(record.args);
      } catch (error) {
        waiters.delete(waiter); // a throwing predicate fails its wait, not the emitter
        waiter.reject(error instanceof Error ? error : new Error(String(error)));
        return false;
      }
      if (!matched) continue;
      consumed.add(i);
      waiters.delete(waiter);
      waiter.resolve(i);
      return true;
    }
    return false;
  };

  for (const event of events) {
    const listener = (...args: M[K]): void => {
      seen.push({ event, args, at: Date.now() - start });
      const index = seen.length - 1;
      for (const waiter of [...waiters]) if (take(waiter, index)) break;
    };
    listeners.set(event, listener);
    emitter.on(event, listener);
  }

  const history = (): string =>
    seen.length === 0
      ? '  (no events)'
      : seen
          .map(
            (r, i) =>
              `  +${r.at}ms ${r.event}(${describeArgs(r.args)})${consumed.has(i) ? ' [consumed]' : ''}`,
          )
          .join('\n');

  return {
    seen,
    waitFor<E extends K>(
      event: E,
      predicate?: (...args: M[E]) => boolean,
      options: WaitForEventOptions = {},
    ): Promise<M[E]> {
      if (!listeners.has(event)) {
        return Promise.reject(new Error(`waitFor("${event}"): not subscribed to this event`));
      }
      const timeoutMs = options.timeoutMs ?? 20_000;
      return new Promise<M[E]>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const what =
            options.description ?? `"${event}"${predicate ? ' matching the predicate' : ''}`;
          reject(
            new Error(`timed out after ${timeoutMs} ms waiting for ${what}; seen:\n${history()}`),
          );
        }, timeoutMs);
        const waiter: Waiter = {
          event,
          match: (args) => predicate === undefined || predicate(...(args as M[E])),
          resolve: (index) => {
            clearTimeout(timer);
            resolve(seen[index]?.args as M[E]);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        };
        waiters.add(waiter);
        take(waiter);
      });
    },
    dispose(): void {
      for (const [event, listener] of listeners) emitter.off(event, listener);
      listeners.clear();
      for (const waiter of waiters)
        waiter.reject(new Error(`disposed while waiting for "${waiter.event}"`));
      waiters.clear();
    },
  };
}
