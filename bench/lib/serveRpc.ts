import { BenchError } from './errors';
import type { RpcMethodMap, RpcReady, RpcFailed, RpcResponse } from './types';

/** A handler for each method of `M`. */
export type RpcHandlers<M extends RpcMethodMap> = {
  [K in keyof M]: (arg: M[K]['arg']) => M[K]['result'] | Promise<M[K]['result']>;
};

function send(message: RpcResponse | RpcReady | RpcFailed): void {
  process.send?.(message);
}

const errorText = (error: unknown): string =>
  error instanceof Error ? (error.stack ?? error.message) : String(error);

/**
 * The child side of `RpcChild`: answers requests from the parent with `handlers`, after
 * announcing `readyInfo`. The process exits when the parent goes away.
 */
export function serveRpc<M extends RpcMethodMap>(
  handlers: RpcHandlers<M>,
  readyInfo: unknown,
): void {
  if (!process.send) throw new BenchError('child-start', 'serveRpc needs an IPC channel (fork)');
  process.on('message', (message: unknown) => {
    if (typeof message !== 'object' || message === null) return;
    const { kind, id, method, arg } = message as Record<string, unknown>;
    if (kind !== 'request' || typeof id !== 'number' || typeof method !== 'string') return;
    const handler = Object.hasOwn(handlers, method) ? handlers[method] : undefined;
    if (!handler) {
      send({ kind: 'response', id, ok: false, error: `unknown method ${method}` });
      return;
    }
    Promise.resolve()
      .then(() => handler(arg))
      .then(
        (result) => {
          send({ kind: 'response', id, ok: true, result });
        },
        (error: unknown) => {
          send({ kind: 'response', id, ok: false, error: errorText(error) });
        },
      );
  });
  process.on('disconnect', () => process.exit(0));
  send({ kind: 'ready', info: readyInfo });
}

/** Reports a start-up failure to the parent and exits with code 1. */
export function failStart(error: unknown): never {
  send({ kind: 'failed', error: errorText(error) });
  process.exit(1);
}
