/** What crosses between the interop test (Node) and its page (InteropPage), as JSON. */

/** A value to send, as JSON that crosses from Node to the page. */
export type Outgoing =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'object'; readonly value: Record<string, unknown> }
  | { readonly kind: 'bytes'; readonly value: readonly number[] };

/** A value as received, described as JSON. */
export interface Received {
  readonly kind: 'string' | 'object' | 'bytes' | 'other';
  /** The constructor name of what arrived (String, Object, ArrayBuffer, ...). */
  readonly ctor: string;
  readonly value: unknown;
}

export interface ConnectionSnapshot {
  readonly id: string;
  readonly peer: string;
  readonly serialization: string;
  /** Whether 'open' fired. */
  readonly opened: boolean;
  readonly closed: boolean;
  readonly received: Received[];
  readonly errors: string[];
}

export interface CallSnapshot {
  readonly id: string;
  readonly peer: string;
  readonly remoteStream: boolean;
  /** Frames the remote video element presented (requestVideoFrameCallback). */
  readonly renderedFrames: number;
  readonly closed: boolean;
  readonly errors: string[];
}

export interface PeerSnapshot {
  readonly id: string | null;
  readonly open: boolean;
  readonly errors: { type: string; message: string }[];
  readonly connections: ConnectionSnapshot[];
  readonly calls: CallSnapshot[];
}

/** Where the signaling server is. */
export interface ServerAddress {
  readonly host: string;
  readonly port: number;
  readonly path: string;
  readonly key: string;
}
