/**
 * Everything we hold with one remote participant: the control DataConnection (json, reliable),
 * the camera MediaConnection, and one screen-share call each way. Resolves glare (both sides
 * dialed) by keeping the connection dialed by the lower id, re-dials a lost control channel, and
 * re-places a lost camera call (the lower id places it). Validates every control message.
 * Whoever dials the control channel places the camera call at the same moment (no wait for the
 * channel to open: the media's offer/answer/ICE/DTLS runs alongside the channel's); when both
 * sides placed one at once, the call placed by the lower id is kept, on both sides alike.
 */
import type { DataConnection, MediaConnection, Peer } from '../peer';
import { Emitter } from './Emitter';
import type { MediaKind } from './engine';
import type { LocalMedia } from './LocalMedia';
import { ControlMessageError, parseControlMessage, type ControlMessage } from './protocol';

export const CONTROL_LABEL = 'parley-control';
const REDIAL_MS = { dialer: 500, other: 3000 } as const;

export interface PeerLinkEvents {
  /** A control channel opened (the first one, or a replacement after a loss). */
  'control-open': () => void;
  /** A valid control message arrived. */
  message: (message: ControlMessage) => void;
  /** The control channel closed and no other is open. */
  'control-closed': () => void;
  /** A remote stream (camera or screen) arrived. */
  media: (kind: MediaKind, stream: MediaStream) => void;
  /** A remote stream ended. */
  'media-ended': (kind: MediaKind) => void;
  /** Something went wrong with this participant (for logs; the link carries on). */
  problem: (error: Error) => void;
}

type CallKind = 'camera' | 'screen';

function callKind(call: MediaConnection): CallKind {
  const meta = call.metadata as { parley?: unknown } | null | undefined;
  return meta?.parley === 'screen' ? 'screen' : 'camera';
}

export class PeerLink extends Emitter<PeerLinkEvents> {
  #control: DataConnection | undefined;
  #camera: MediaConnection | undefined;
  /** The camera call we placed ourselves (not yet answered: glare is possible). */
  #cameraPlaced: MediaConnection | undefined;
  #screenOut: MediaConnection | undefined;
  #screenIn: MediaConnection | undefined;
  #redialTimer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  constructor(
    readonly remoteId: string,
    private readonly selfId: string,
    private readonly peer: Peer,
    private readonly media: LocalMedia,
  ) {
    super();
  }

  /** We dial control channels and place the camera call (the lower id does). */
  get dialer(): boolean {
    return this.selfId < this.remoteId;
  }

  get controlOpen(): boolean {
    return this.#control?.open === true;
  }

  /** The RTCPeerConnections of the camera call and of the screen calls (for stats). */
  get cameraPc(): RTCPeerConnection | null {
    return this.#camera?.peerConnection ?? null;
  }

  get screenOutPc(): RTCPeerConnection | null {
    return this.#screenOut?.peerConnection ?? null;
  }

  get screenInPc(): RTCPeerConnection | null {
    return this.#screenIn?.peerConnection ?? null;
  }

  /** Opens a control channel unless one is open or opening, and places the camera call at once. */
  dial(): void {
    if (this.#closed || this.#control || this.peer.destroyed || this.peer.disconnected) return;
    const conn = this.peer.connect(this.remoteId, {
      label: CONTROL_LABEL,
      serialization: 'json',
      reliable: true,
      metadata: { parley: 'control' },
      timeout: 15_000,
    });
    this.#useControl(conn);
    if (!this.#camera) this.#placeCamera();
  }

  /** An incoming control channel from this participant. */
  acceptControl(conn: DataConnection): void {
    if (this.#closed) {
      conn.close({ flush: false });
      return;
    }
    const current = this.#control;
    // Glare: both dialed. Keep the channel dialed by the lower id, on both sides alike.
    if (current && current !== conn && this.dialer) {
      conn.close({ flush: false });
      return;
    }
    if (current) this.#drop(current);
    this.#useControl(conn);
  }

  /** Sends a control message; false when no control channel is open. */
  send(message: ControlMessage): boolean {
    const conn = this.#control;
    if (!conn?.open) return false;
    void conn.send(message);
    return true;
  }

  /** Places the camera call when we are the dialer and there is none. */
  ensureCameraCall(): void {
    if (this.#closed || !this.dialer || this.#camera || !this.controlOpen) return;
    this.#placeCamera();
  }

  /** An incoming call (camera or screen) from this participant. */
  acceptCall(call: MediaConnection): void {
    if (this.#closed) {
      call.close();
      return;
    }
    const kind = callKind(call);
    if (kind === 'screen') {
      this.#screenIn?.close();
      this.#useCall(call, 'screen');
      call.answer();
      return;
    }
    const old = this.#camera;
    // Glare: both placed a camera call and neither is answered yet. Keep the lower id's call.
    if (old && old === this.#cameraPlaced && !old.open && this.dialer) {
      call.close();
      return;
    }
    this.#camera = undefined;
    old?.close();
    this.#useCall(call, 'camera');
    call.answer(this.media.callStream());
  }

  /** Points the camera call's senders at our current tracks (after setLocalStream, each tick). */
  syncCamera(): void {
    void this.media.syncSenders(this.cameraPc);
  }

  /** Sends our screen (a call of its own), swaps its track, or stops it (null). */
  syncScreen(): void {
    const stream = this.media.screen;
    const track = stream?.getVideoTracks()[0];
    if (!stream || !track) {
      const out = this.#screenOut;
      this.#screenOut = undefined;
      out?.close();
      return;
    }
    if (this.#closed || !this.controlOpen) return;
    const out = this.#screenOut;
    if (out) {
      const sender = out.peerConnection?.getSenders().find((s) => s.track?.kind === 'video');
      if (sender && sender.track !== track) void sender.replaceTrack(track).catch(() => undefined);
      return;
    }
    const call = this.peer.call(this.remoteId, stream, {
      metadata: { parley: 'screen' },
      timeout: 20_000,
    });
    this.#screenOut = call;
    call.on('close', () => {
      if (this.#screenOut === call) this.#screenOut = undefined;
    });
    call.on('error', (error) => {
      this.emit('problem', error);
    });
  }

  /** Closes every connection with this participant. `flush` lets queued control data out. */
  close(flush = false): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#redialTimer);
    const control = this.#control;
    this.#control = undefined;
    control?.close({ flush });
    for (const call of [this.#camera, this.#screenIn, this.#screenOut]) call?.close();
    this.#camera = this.#screenIn = this.#screenOut = this.#cameraPlaced = undefined;
    this.removeAllListeners();
  }

  #useControl(conn: DataConnection): void {
    this.#control = conn;
    clearTimeout(this.#redialTimer);
    conn.on('open', () => {
      if (this.#control === conn) this.emit('control-open');
    });
    conn.on('data', (data) => {
      if (this.#control !== conn) return;
      try {
        this.emit('message', parseControlMessage(data));
      } catch (error) {
        if (error instanceof ControlMessageError) this.emit('problem', error);
        else throw error;
      }
    });
    conn.on('error', (error) => {
      if (this.#control === conn) this.emit('problem', error);
    });
    conn.on('close', () => {
      if (this.#control !== conn) return;
      this.#control = undefined;
      this.emit('control-closed');
      this.#scheduleRedial();
    });
    if (conn.open) this.emit('control-open');
  }

  #drop(conn: DataConnection): void {
    if (this.#control === conn) this.#control = undefined;
    conn.close({ flush: false });
  }

  #scheduleRedial(): void {
    if (this.#closed) return;
    clearTimeout(this.#redialTimer);
    this.#redialTimer = setTimeout(
      () => {
        this.dial();
      },
      this.dialer ? REDIAL_MS.dialer : REDIAL_MS.other,
    );
  }

  #placeCamera(): void {
    if (this.#closed) return;
    const call = this.peer.call(this.remoteId, this.media.callStream(), {
      metadata: { parley: 'camera' },
      timeout: 20_000,
    });
    this.#cameraPlaced = call;
    this.#useCall(call, 'camera');
    void this.media.syncSenders(call.peerConnection);
  }

  #useCall(call: MediaConnection, kind: CallKind): void {
    if (kind === 'camera') this.#camera = call;
    else this.#screenIn = call;
    const current = (): boolean => (kind === 'camera' ? this.#camera : this.#screenIn) === call;
    call.on('stream', (stream) => {
      if (current()) this.emit('media', kind, stream);
      if (kind === 'camera') this.syncCamera();
    });
    call.on('error', (error) => {
      if (current()) this.emit('problem', error);
    });
    call.on('close', () => {
      if (!current()) return;
      if (kind === 'camera') this.#camera = undefined;
      else this.#screenIn = undefined;
      this.emit('media-ended', kind);
      // A lost camera call comes back while the control channel lives (the dialer re-calls).
      if (kind === 'camera' && !this.#closed) {
        setTimeout(() => {
          this.ensureCameraCall();
        }, 1000);
      }
    });
  }
}
