/** Helpers of the discovery integration tests. */
import { EventEmitter } from 'node:events';

/**
 * Resolves with the arguments of the first `event` whose arguments satisfy `predicate`;
 * rejects after `timeoutMs` with a message naming the event.
 */
export function waitFor<Args extends unknown[]>(
  emitter: EventEmitter,
  event: string,
  predicate: (...args: Args) => boolean = () => true,
  timeoutMs = 15_000,
): Promise<Args> {
  return new Promise((resolve, reject) => {
    const listener = (...args: unknown[]): void => {
      if (!predicate(...(args as Args))) return;
      clearTimeout(timer);
      emitter.off(event, listener);
      resolve(args as Args);
    };
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for '${event}'`));
    }, timeoutMs);
    emitter.on(event, listener);
  });
}

/** Why mDNS tests cannot run here, or undefined when they can (inside scripts/in-netns.mjs). */
export function netnsSkipReason(): string | undefined {
  if (process.env.PARLEY_NETNS === '1') return undefined;
  return (
    'mDNS tests send multicast and run only inside a private network namespace ' +
    '(PARLEY_NETNS=1): node scripts/in-netns.mjs npx vitest run tests/integration/discovery'
  );
}
