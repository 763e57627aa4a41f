/**
 * Types shared by the client benchmark's orchestrator (Node) and its page module (Chromium).
 * Plain data only: everything here crosses page.evaluate as JSON.
 */

/** The three implementations compared side by side. */
export const LIBS = ['parley', 'peerjs', 'raw'] as const;
/** parley: our client (global ParleyPeer) · peerjs: peerjs 1.5.5 · raw: RTCPeerConnection by hand. */
export type Lib = (typeof LIBS)[number];

/** DataConnection serializations (PeerJS names; 'MsgPack' is PeerJS's MsgPackPeer variant). */
export const SERIALIZATIONS = ['binary', 'binary-utf8', 'json', 'raw', 'MsgPack'] as const;
export type Serialization = (typeof SERIALIZATIONS)[number];

/** Where the signaling server listens (PeerJS client options). */
export interface ServerInfo {
  readonly host: string;
  readonly port: number;
  readonly path: string;
  readonly key: string;
}

/** What one bulk transfer measured, on the sending page. */
export interface TransferResult {
  /** Bytes the receiver counted. */
  readonly bytes: number;
  /** Bytes sent. */
  readonly sentBytes: number;
  /** First send → the receiver's acknowledgement of the last byte, ms. */
  readonly ms: number;
  /** Checksum the receiver computed over what it received. */
  readonly receivedChecksum: number;
  /** Checksum the sender computed over what it sent. */
  readonly sentChecksum: number;
}

/** First-frame times of one page in a mesh, absolute ms (performance.timeOrigin + now()). */
export interface MeshStatus {
  readonly startedAt: number;
  /** Remote peer id → when its first video frame was presented here. */
  readonly firstFrameAt: Readonly<Record<string, number>>;
  readonly errors: readonly string[];
}
