/** Types of file transfers, shared by FileTransfer and the engine interface. */

/**
 * Where a transfer is: `offered` (waiting for the receiver to accept or decline), `active`
 * (bytes flowing), or ended: `done`, `cancelled` (by either side), `declined` (by the receiver,
 * or refused as too large), `expired` (nobody answered the offer in time), `failed`.
 */
export type FileTransferState =
  'offered' | 'active' | 'done' | 'cancelled' | 'declined' | 'expired' | 'failed';

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
  state: FileTransferState;
  /** Why it stopped, for cancelled/declined/expired/failed. */
  reason?: string;
}

export interface FileTransferEvents {
  /** Someone offers us a file: nothing is transferred until we accept (or it is declined). */
  offered: (transfer: FileTransferInfo) => void;
  /** Our offer went out (state `offered`), or we accepted an incoming one (state `active`). */
  started: (transfer: FileTransferInfo) => void;
  /** The receiver accepted our offer, or more bytes were delivered. */
  progress: (transfer: FileTransferInfo) => void;
  /** An incoming file is complete. */
  received: (transfer: FileTransferInfo, file: Blob) => void;
  /** A transfer finished: done, cancelled, declined, expired or failed. */
  ended: (transfer: FileTransferInfo) => void;
}
