/**
 * The few browser and peerjs 1.5.5 APIs the interop page uses, declared by hand: tests are
 * type-checked with the Node lib (tsconfig.node.json), without the DOM lib.
 */

/** A peerjs error (PeerError): `type` is one of PeerJS's error type strings. */
export interface PeerErrorLike {
  readonly type: string;
  readonly message: string;
}

/** The parts of an RTCStatsReport entry read here. */
export interface RtcStatsLike {
  readonly type: string;
  readonly kind?: string;
  readonly framesDecoded?: number;
  readonly bytesReceived?: number;
}

export interface RtcPeerConnectionLike {
  readonly connectionState: string;
  getStats(): Promise<{ forEach(callback: (stats: RtcStatsLike) => void): void }>;
}

export interface MediaStreamTrackLike {
  readonly kind: string;
  readonly readyState: string;
  stop(): void;
}

export interface MediaStreamLike {
  getTracks(): MediaStreamTrackLike[];
}

export interface VideoElementLike {
  srcObject: MediaStreamLike | null;
  muted: boolean;
  autoplay: boolean;
  playsInline: boolean;
  readonly videoWidth: number;
  play(): Promise<void>;
  requestVideoFrameCallback(callback: () => void): number;
  remove(): void;
}

/** peerjs DataConnection. */
export interface DataConnectionLike {
  readonly peer: string;
  readonly connectionId: string;
  readonly serialization: string;
  readonly open: boolean;
  on(event: 'open' | 'close', listener: () => void): void;
  on(event: 'data', listener: (data: unknown) => void): void;
  on(event: 'error', listener: (error: PeerErrorLike) => void): void;
  send(data: unknown): unknown;
  close(): void;
}

/** peerjs MediaConnection. */
export interface MediaConnectionLike {
  readonly peer: string;
  readonly connectionId: string;
  readonly peerConnection: RtcPeerConnectionLike | null;
  on(event: 'stream', listener: (stream: MediaStreamLike) => void): void;
  on(event: 'close', listener: () => void): void;
  on(event: 'error', listener: (error: PeerErrorLike) => void): void;
  answer(stream?: MediaStreamLike): void;
  close(): void;
}

/** Options of `new Peer()` used here. */
export interface PeerOptionsLike {
  host: string;
  port: number;
  path: string;
  key: string;
  secure: boolean;
  debug: number;
  config: { iceServers: never[] };
}

/** peerjs Peer. */
export interface PeerLike {
  readonly id: string | null;
  readonly open: boolean;
  on(event: 'open', listener: (id: string) => void): void;
  on(event: 'connection', listener: (connection: DataConnectionLike) => void): void;
  on(event: 'call', listener: (call: MediaConnectionLike) => void): void;
  on(event: 'error', listener: (error: PeerErrorLike) => void): void;
  on(event: 'disconnected' | 'close', listener: () => void): void;
  connect(peer: string, options: { serialization: string; reliable: boolean }): DataConnectionLike;
  call(peer: string, stream: MediaStreamLike): MediaConnectionLike;
  destroy(): void;
}

/** The page globals used: peerjs.min.js defines `Peer`. */
export interface PageGlobals {
  Peer: new (id: string | undefined, options: PeerOptionsLike) => PeerLike;
  navigator: {
    mediaDevices: {
      getUserMedia(constraints: { video: boolean; audio: boolean }): Promise<MediaStreamLike>;
    };
  };
  document: {
    createElement(tag: 'video'): VideoElementLike;
    body: { append(element: VideoElementLike): void };
  };
}
