import {
  ConnectionType,
  type JsonObject,
  type JsonValue,
  type RelayedMessage,
} from '../../../shared/signaling-protocol';
import { BaseConnection, type ConnectionHost } from './BaseConnection';
import { PeerError } from './errors';
import type { MediaConnectionEvents } from './events';
import type { Negotiator } from './Negotiator';
import type { AnswerOption } from './types';

export interface MediaConnectionInit {
  connectionId: string;
  metadata?: unknown;
  stream?: MediaStream | undefined;
  sdpTransform?: ((sdp: string) => string | undefined) | undefined;
  timeout?: number | undefined;
  /** The remote OFFER payload when the remote side called us. */
  offer?: (JsonObject & { sdp: { sdp: string } }) | undefined;
}

/**
 * A call with one remote peer, wire-compatible with PeerJS's MediaConnection (including its
 * close-detection data channel). Between Parley peers, tracks can be added, removed and
 * replaced in the live call (renegotiation on the same connection id).
 */
export class MediaConnection extends BaseConnection<MediaConnectionEvents> {
  static readonly ID_PREFIX = 'mc_';
  readonly type = ConnectionType.Media;
  #localStream: MediaStream | null;
  #remoteStream: MediaStream | null = null;
  #sdpTransform: ((sdp: string) => string | undefined) | undefined;
  #offer: (JsonObject & { sdp: { sdp: string } }) | undefined;
  #pending: RelayedMessage[] = [];
  #closeChannel: RTCDataChannel | undefined;
  readonly #seenStreams = new Set<string>();

  constructor(peer: string, host: ConnectionHost, init: MediaConnectionInit) {
    super(peer, host, {
      connectionId: init.connectionId,
      metadata: init.metadata,
      originator: init.offer === undefined,
      timeout: init.offer === undefined ? init.timeout : 0,
    });
    this.#localStream = init.stream ?? null;
    this.#sdpTransform = init.sdpTransform;
    this.#offer = init.offer;
    if (init.offer !== undefined) return; // Waits for answer().
    const stream = init.stream;
    if (!stream) throw new TypeError('call() needs a MediaStream');
    const negotiator = this.#start();
    for (const track of stream.getTracks()) negotiator.pc.addTrack(track, stream);
    // PeerJS signals a hang-up by this channel closing (its label is irrelevant to PeerJS).
    this.#useCloseChannel(negotiator.pc.createDataChannel(this.connectionId, { ordered: false }));
    void negotiator.offer(this.offerExtras({ metadata: init.metadata as JsonValue | undefined }));
  }

  /** The stream we send (null for a one-way call we answered without one). */
  get localStream(): MediaStream | null {
    return this.#localStream;
  }

  /** The first stream the remote side sends (null until `stream`). */
  get remoteStream(): MediaStream | null {
    return this.#remoteStream;
  }

  /** Parley: true when tracks can be added/removed live (the other side is Parley). */
  get supportsRenegotiation(): boolean {
    return this.remoteIsParley && this.negotiator?.renegotiation === true;
  }

  /**
   * Accepts an incoming call, sending `stream` if given (one-way call otherwise).
   * A second answer() is ignored with a warning, as in PeerJS.
   */
  answer(stream?: MediaStream, options: AnswerOption = {}): void {
    const offer = this.#offer;
    if (!offer || this._closed) {
      this.host.logger.warn('answer() on a call that is not waiting for an answer; ignored');
      return;
    }
    this.#offer = undefined;
    this.#localStream = stream ?? null;
    if (options.sdpTransform) this.#sdpTransform = options.sdpTransform;
    const negotiator = this.#start();
    negotiator.pc.ondatachannel = (event) => {
      this.#useCloseChannel(event.channel);
    };
    this.acceptOffer(negotiator, offer, () => {
      if (!stream) return;
      for (const track of stream.getTracks()) negotiator.pc.addTrack(track, stream);
    });
    const pending = this.#pending;
    this.#pending = [];
    for (const message of pending) super.handleMessage(message);
    this._open = true;
  }

  override handleMessage(message: RelayedMessage): void {
    if (!this.negotiator) {
      if (this.#pending.length < 500) this.#pending.push(message);
      return;
    }
    super.handleMessage(message);
  }

  /** Parley: swaps a sent track without renegotiation (works with PeerJS peers too). */
  async replaceTrack(oldTrack: MediaStreamTrack, newTrack: MediaStreamTrack | null): Promise<void> {
    const sender = this.negotiator?.pc.getSenders().find((s) => s.track === oldTrack);
    if (!sender) throw new PeerError('webrtc', 'That track is not sent on this call');
    await sender.replaceTrack(newTrack);
  }

  /** Parley: sends one more track (renegotiates; the remote side gets `track`). */
  addTrack(track: MediaStreamTrack, stream: MediaStream | null = this.#localStream): RTCRtpSender {
    const pc = this.#renegotiable();
    return stream ? pc.addTrack(track, stream) : pc.addTrack(track);
  }

  /** Parley: stops sending a track (renegotiates). */
  removeTrack(track: MediaStreamTrack): void {
    const pc = this.#renegotiable();
    const sender = pc.getSenders().find((s) => s.track === track);
    if (sender) pc.removeTrack(sender);
  }

  /** Hangs up; the remote side (PeerJS or Parley) sees the call close. */
  close(): void {
    this.teardown();
  }

  protected override onAnswered(): void {
    if (this._closed) return;
    this._open = true;
    this.clearTimeout();
  }

  protected override onIceConnected(): void {
    this.clearTimeout();
  }

  protected override releaseResources(): void {
    const channel = this.#closeChannel;
    if (channel) {
      channel.onopen = channel.onclose = null;
      channel.close();
    }
    this.#pending = [];
    this.#offer = undefined;
    this.#localStream = null;
    this.#remoteStream = null;
  }

  #renegotiable(): RTCPeerConnection {
    const pc = this.negotiator?.pc;
    if (!pc || this._closed) throw new PeerError('webrtc', 'The call is not active');
    if (!this.supportsRenegotiation) {
      throw new PeerError(
        'renegotiation-unsupported',
        'The other side is not a Parley client: place a second call() for the extra track',
        { peer: this.peer },
      );
    }
    return pc;
  }

  #start(): Negotiator {
    const negotiator = this.createNegotiator((sdp) => this.#sdpTransform?.(sdp) ?? sdp);
    negotiator.pc.ontrack = (event) => {
      this.#onTrack(event);
    };
    return negotiator;
  }

  #onTrack(event: RTCTrackEvent): void {
    if (this._closed) return;
    let stream = event.streams[0];
    if (!stream) {
      stream = this.#remoteStream ?? new MediaStream();
      stream.addTrack(event.track);
    }
    this.#remoteStream ??= stream;
    if (!this.#seenStreams.has(stream.id)) {
      this.#seenStreams.add(stream.id);
      this.emit('stream', stream);
    }
    this.emit('track', event.track, stream);
  }

  #useCloseChannel(channel: RTCDataChannel): void {
    if (this.#closeChannel) return;
    this.#closeChannel = channel;
    channel.onopen = () => {
      this.emit('willCloseOnRemote');
    };
    channel.onclose = () => {
      this.teardown();
    };
  }
}
