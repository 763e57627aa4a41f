/** What the benchmark needs from each implementation: a peer registered with the server. */
import type { Channel } from './Channel';
import type { Lib, Serialization } from './types';

/** An outgoing or answered call. */
export interface Call {
  /** The remote peer's id. */
  readonly peer: string;
  /** Resolves with the remote stream (rejects when the call fails). */
  readonly remoteStream: Promise<MediaStream>;
  close(): void;
}

/** Callbacks an endpoint uses for what arrives unasked. */
export interface EndpointHooks {
  /** The stream answered calls get (none: one-way). */
  localStream(): MediaStream | undefined;
  /** A remote stream of an incoming call arrived. */
  onRemoteStream(peer: string, stream: MediaStream): void;
  /** An incoming data connection: the page makes it a responder. */
  onChannel(channel: Channel): void;
  /** Something failed outside a measured promise. */
  onError(message: string): void;
}

export interface Endpoint {
  readonly lib: Lib;
  readonly id: string;
  /** Resolves when the server has registered the id. */
  readonly opened: Promise<void>;
  /** Opens a reliable, ordered data connection; resolves when it is open. */
  connect(remoteId: string, serialization: Serialization): Promise<Channel>;
  call(remoteId: string, stream: MediaStream): Call;
  /** Closes every call, outgoing and answered. */
  closeCalls(): void;
  destroy(): void;
}

/** Rejects after `ms` with a message saying what did not happen. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${what}: no result after ${ms} ms`));
    }, ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
