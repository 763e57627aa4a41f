/** Types of file transfers, shared by FileTransfer and the engine interface. */

/** One file going to or coming from one participant. */
export interface FileTransferInfo {
  /** Unique per (participant, file): `${peerId}/${fileId}`. */
  id: string;
  fileId: string;
  peerId: string;
  direction: 'in' | 'out';
  /** Untrusted text for incoming files: interpolate only. */
  name: string;
  size: number;
  mime: string;
  /** Bytes delivered so far (acknowledged by the receiver for outgoing files). */
  bytes: number;
  state: 'active' | 'done' | 'cancelled' | 'failed';
  /** Why it stopped, for cancelled/failed. */
  reason?: string;
}

export interface FileTransferEvents {
  /** A transfer was offered (ours) or announced (incoming). */
  started: (transfer: FileTransferInfo) => void;
  /** More bytes were delivered. */
  progress: (transfer: FileTransferInfo) => void;
  /** An incoming file is complete. */
  received: (transfer: FileTransferInfo, file: Blob) => void;
  /** A transfer finished: done, cancelled or failed. */
  ended: (transfer: FileTransferInfo) => void;
}
