/** Types of the in-page helpers of lab.js, as the tests see them through page.evaluate. */
/** The bits of DOM objects the tests read (the Node test program has no DOM types). */
export interface LabPeerConnection {
  iceConnectionState: string;
  remoteDescription: { sdp: string } | null;
  localDescription: { sdp: string } | null;
}
export type LabStream = object;
export interface LabTrack {
  kind: string;
}

export interface LabConnection {
  send(data: unknown): unknown;
  close(options?: object): void;
  open: boolean;
  serialization: string;
  label: string;
  metadata: unknown;
  reliable: boolean;
  bufferSize: number;
  bufferedAmount: number;
  dataChannel: object | null;
  peerConnection: LabPeerConnection | null;
  restartIce(): boolean;
  drained(): Promise<void>;
}

export interface LabCall {
  answer(stream?: LabStream): void;
  close(): void;
  open: boolean;
  metadata: unknown;
  localStream: (LabStream & { getVideoTracks(): LabTrack[] }) | null;
  remoteStream: LabStream | null;
  peerConnection: LabPeerConnection | null;
  replaceTrack(oldTrack: LabTrack, newTrack: LabTrack): Promise<void>;
  addTrack(track: LabTrack, stream?: LabStream): unknown;
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
  streams: Record<string, LabStream>;
  tracks: Record<string, string[]>;
  events: string[];
  errors: { who: string; type: string; message: string; peer: string | null }[];
  makePeer(name: string, kind: string, id?: string, extra?: object): Promise<string>;
  connect(name: string, remote: string, options?: object): string;
  call(name: string, remote: string, options?: object): Promise<string>;
  answer(key: string, withStream?: boolean): Promise<void>;
  media(video?: boolean, audio?: boolean): Promise<LabStream & { getVideoTracks(): LabTrack[] }>;
  inboundVideo(key: string): Promise<number[]>;
  framesDecoded(key: string): Promise<number>;
  watchTracks(key: string): void;
  has(event: string): boolean;
  pattern(size: number, seed?: number): Uint8Array;
  checksum(bytes: ArrayBuffer | Uint8Array): string;
  hasError(who: string, type: string): boolean;
}

declare global {
  // Set by lab.js in the page (the tests' tsconfig has no DOM, hence `globalThis`).
  var lab: Lab;
}
