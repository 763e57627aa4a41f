import type { DataConnection } from './DataConnection';
import type { PeerError, PeerErrorType } from './errors';
import type { MediaConnection } from './MediaConnection';

/** Events of a Peer. */
export interface PeerEvents {
  /** Registered with the server (again, after a reconnect); gives the id. */
  open: (id: string) => void;
  /** A remote peer connected to us with a data connection. */
  connection: (connection: DataConnection) => void;
  /** A remote peer calls us; answer() it to accept. */
  call: (call: MediaConnection) => void;
  /** The peer was destroyed (every connection is closed). */
  close: () => void;
  /** The link to the server was lost or closed; connections stay up. Gives the last id. */
  disconnected: (id: string) => void;
  /** Something went wrong; `error.type` is the PeerJS error type. */
  error: (error: PeerError<PeerErrorType>) => void;
}

/** Events of a DataConnection (beside error/close/iceStateChanged). */
export interface DataConnectionEvents {
  /** The channel is open: send() works from now on. */
  open: () => void;
  /** A message arrived from the remote peer. */
  data: (data: unknown) => void;
  /** Parley: everything queued has been handed to the channel. */
  drain: () => void;
}

/** Events of a MediaConnection (beside error/close/iceStateChanged). */
export interface MediaConnectionEvents {
  /** A remote stream arrived (once per remote MediaStream). */
  stream: (stream: MediaStream) => void;
  /** Parley: a remote track arrived (also for tracks added later by renegotiation). */
  track: (track: MediaStreamTrack, stream: MediaStream) => void;
  /** PeerJS: the close-detection channel is open (the remote side will see our close). */
  willCloseOnRemote: () => void;
}
