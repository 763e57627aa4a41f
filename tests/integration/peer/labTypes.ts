/** Types of the in-page helpers of lab.js, as the tests see them through page.evaluate. */
export interface LabConnection {
  send(data: unknown): unknown;
  close(options?: object): void;
  open: boolean;
  serialization: string;
  label: string;
  metadata: unknown;
  reliable: boolean;
  bufferSize: number;
}

export interface LabCall {
  answer(stream?: MediaStream): void;
  close(): void;
  open: boolean;
  metadata: unknown;
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
  peerConnection: RTCPeerConnection | null;
  replaceTrack(oldTrack: MediaStreamTrack, newTrack: MediaStreamTrack): Promise<void>;
  addTrack(track: MediaStreamTrack, stream?: MediaStream): unknown;
  supportsRenegotiation: boolean;
}

export interface LabPeer {
  id: string | null;
  open: boolean;
  disconnected: boolean;
  destroyed: boolean;
  connections: Record<string, unknown[]>;
  disconnect(): void;
  reconnect(): void;
  destroy(): void;
  connect(id: string, options?: object): LabConnection;
}

export interface Lab {
  server: unknown;
  peers: Record<string, LabPeer>;
  conns: Record<string, LabConnection>;
  calls: Record<string, LabCall>;
  received: Record<string, unknown[]>;
  streams: Record<string, MediaStream>;
  tracks: Record<string, string[]>;
  events: string[];
  errors: { who: string; type: string; message: string; peer: string | null }[];
  makePeer(name: string, kind: string, id?: string, extra?: object): Promise<string>;
  connect(name: string, remote: string, options?: object): string;
  call(name: string, remote: string, options?: object): Promise<string>;
  answer(key: string, withStream?: boolean): Promise<void>;
  media(video?: boolean, audio?: boolean): Promise<MediaStream>;
  inboundVideo(key: string): Promise<number[]>;
  watchTracks(key: string): void;
  has(event: string): boolean;
  hasError(who: string, type: string): boolean;
}

declare global {
  interface Window {
    lab: Lab;
    ParleyPeer: unknown;
  }
}
