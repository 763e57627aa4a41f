/**
 * The PeerJS API surface the benchmark drives, typed structurally: our client (global
 * `ParleyPeer`) and peerjs 1.5.5 (global `peerjs`) both provide it.
 */
export interface PjDataConnection {
  readonly peer: string;
  readonly open: boolean;
  send(data: unknown): unknown;
  close(): void;
  on(event: 'open' | 'close' | 'drain', listener: () => void): unknown;
  on(event: 'data', listener: (data: unknown) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface PjMediaConnection {
  readonly peer: string;
  answer(stream?: MediaStream): void;
  close(): void;
  on(event: 'stream', listener: (stream: MediaStream) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface PjPeer {
  readonly id: string | null;
  connect(id: string, options: object): PjDataConnection;
  call(id: string, stream: MediaStream, options?: object): PjMediaConnection;
  destroy(): void;
  on(event: 'open', listener: (id: string) => void): unknown;
  on(event: 'connection', listener: (connection: PjDataConnection) => void): unknown;
  on(event: 'call', listener: (call: PjMediaConnection) => void): unknown;
  on(event: 'error', listener: (error: Error & { type?: string }) => void): unknown;
}

export type PjPeerConstructor = new (id: string, options: object) => PjPeer;

/** The Peer class of a global library bundle, or an error saying it is missing. */
export function peerClass(globalName: 'ParleyPeer' | 'peerjs'): PjPeerConstructor {
  const lib = (globalThis as unknown as Record<string, { Peer?: PjPeerConstructor } | undefined>)[
    globalName
  ];
  if (typeof lib?.Peer !== 'function') {
    throw new Error(`global ${globalName}.Peer is not loaded`);
  }
  return lib.Peer;
}
