import type { JsonObject } from '../../../shared/signaling-protocol';
import { PeerError, describeError } from './errors';
import type { Logger } from './Logger';

/** What a Negotiator needs from the connection that owns it. */
export interface NegotiatorHost {
  /** Sends an OFFER/ANSWER/CANDIDATE payload to the remote peer (the host adds type/connectionId). */
  signal(kind: 'OFFER' | 'ANSWER' | 'CANDIDATE', payload: JsonObject): void;
  /** Rewrites a local SDP (the user's sdpTransform), if any. */
  transformSdp(sdp: string): string;
  /** A WebRTC operation failed. */
  onError(error: PeerError): void;
  /** ICE failed for good (not restartable, or restarts did not help). */
  onFailed(): void;
  /** ICE is connected (again). */
  onConnected(): void;
}

export interface NegotiatorOptions {
  config: RTCConfiguration;
  /** The polite side yields on offer glare (perfect negotiation): the answerer of the first offer. */
  polite: boolean;
  /** How long ICE may stay `disconnected` before the impolite side restarts it (ms). */
  disconnectedGrace: number;
  /** How long ICE may stay failed/disconnected before giving up (ms). */
  failTimeout: number;
}

/**
 * One RTCPeerConnection and its SDP/ICE exchange: the PeerJS initial offer/answer, remote
 * candidates held until the remote description is set, and — once `renegotiation` is enabled
 * (both sides are Parley) — perfect negotiation for later offers (track changes, ICE restarts).
 */
export class Negotiator {
  readonly pc: RTCPeerConnection;
  /** Set by the owner when the remote side is Parley and the first exchange is done. */
  renegotiation = false;
  readonly #host: NegotiatorHost;
  readonly #options: NegotiatorOptions;
  readonly #logger: Logger;
  #pendingCandidates: RTCIceCandidateInit[] = [];
  /** The extra OFFER fields of the first offer, repeated in renegotiation offers. */
  #offerExtra: JsonObject = {};
  #makingOffer = false;
  #ignoreOffer = false;
  #closed = false;
  #graceTimer: ReturnType<typeof setTimeout> | undefined;
  #failTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: NegotiatorHost, options: NegotiatorOptions, logger: Logger) {
    this.#host = host;
    this.#options = options;
    this.#logger = logger;
    this.pc = new RTCPeerConnection(options.config);
    this.pc.onicecandidate = (event) => {
      if (!event.candidate?.candidate) return;
      this.#host.signal('CANDIDATE', { candidate: toJsonCandidate(event.candidate) });
    };
    this.pc.oniceconnectionstatechange = () => {
      this.#onIceState();
    };
    this.pc.onnegotiationneeded = () => {
      if (this.renegotiation) void this.offer(this.#offerExtra);
    };
  }

  /** True once close() ran (a getter, so checks after an await are not narrowed away). */
  #isClosed(): boolean {
    return this.#closed;
  }

  /** True when the impolite side may restart ICE (both sides Parley). */
  get canRestartIce(): boolean {
    return this.renegotiation && !this.#options.polite;
  }

  /** Creates, applies and sends an offer; `extra` fields go into the OFFER payload. */
  async offer(extra: JsonObject = {}): Promise<void> {
    if (this.#isClosed()) return;
    this.#offerExtra = extra;
    try {
      this.#makingOffer = true;
      const offer = await this.pc.createOffer();
      if (this.#isClosed()) return;
      const sdp = this.#host.transformSdp(offer.sdp ?? '');
      await this.pc.setLocalDescription({ type: 'offer', sdp });
      if (this.#isClosed()) return;
      this.#host.signal('OFFER', { ...extra, sdp: { type: 'offer', sdp } });
    } catch (error) {
      this.#fail('Could not create or apply an offer', error);
    } finally {
      this.#makingOffer = false;
    }
  }

  /**
   * Applies a remote offer and answers it. `beforeAnswer` runs once the offer is applied (the
   * answerer adds its tracks there). Offers that collide with ours are ignored on the impolite side.
   */
  async handleOffer(sdp: string, extra: JsonObject = {}, beforeAnswer?: () => void): Promise<void> {
    if (this.#isClosed()) return;
    const collision = this.#makingOffer || this.pc.signalingState !== 'stable';
    this.#ignoreOffer = !this.#options.polite && collision;
    if (this.#ignoreOffer) {
      this.#logger.log('Ignoring a colliding offer (impolite side)');
      return;
    }
    try {
      await this.pc.setRemoteDescription({ type: 'offer', sdp });
      if (this.#isClosed()) return;
      await this.#flushCandidates();
      beforeAnswer?.();
      const answer = await this.pc.createAnswer();
      if (this.#isClosed()) return;
      const local = this.#host.transformSdp(answer.sdp ?? '');
      await this.pc.setLocalDescription({ type: 'answer', sdp: local });
      if (this.#isClosed()) return;
      this.#host.signal('ANSWER', { ...extra, sdp: { type: 'answer', sdp: local } });
    } catch (error) {
      this.#fail('Could not apply the remote offer or answer it', error);
    }
  }

  /** Applies the remote answer to our offer. */
  async handleAnswer(sdp: string): Promise<void> {
    if (this.#isClosed()) return;
    if (this.pc.signalingState !== 'have-local-offer') {
      this.#logger.warn('Ignoring an answer in state', this.pc.signalingState);
      return;
    }
    try {
      await this.pc.setRemoteDescription({ type: 'answer', sdp });
      await this.#flushCandidates();
    } catch (error) {
      this.#fail('Could not apply the remote answer', error);
    }
  }

  /** Adds a remote candidate now, or once the remote description is set. */
  async handleCandidate(candidate: RTCIceCandidateInit): Promise<void> {
    if (this.#isClosed()) return;
    if (!this.pc.remoteDescription) {
      this.#pendingCandidates.push(candidate);
      return;
    }
    try {
      await this.pc.addIceCandidate(candidate);
    } catch (error) {
      if (!this.#ignoreOffer) this.#fail('Could not add a remote ICE candidate', error);
    }
  }

  /** Restarts ICE (renegotiates with new credentials); only between Parley peers. */
  restartIce(): boolean {
    if (!this.renegotiation || this.#isClosed()) return false;
    this.#logger.log('Restarting ICE');
    this.pc.restartIce();
    return true;
  }

  /** Closes the RTCPeerConnection and drops every handler and timer. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#graceTimer);
    clearTimeout(this.#failTimer);
    this.#pendingCandidates = [];
    const pc = this.pc;
    pc.onicecandidate = pc.oniceconnectionstatechange = pc.onnegotiationneeded = null;
    pc.ontrack = pc.ondatachannel = pc.onconnectionstatechange = null;
    pc.close();
  }

  async #flushCandidates(): Promise<void> {
    const pending = this.#pendingCandidates;
    this.#pendingCandidates = [];
    for (const candidate of pending) await this.handleCandidate(candidate);
  }

  #onIceState(): void {
    const state = this.pc.iceConnectionState;
    this.#logger.log('ICE state', state);
    switch (state) {
      case 'connected':
      case 'completed':
        clearTimeout(this.#graceTimer);
        clearTimeout(this.#failTimer);
        this.#graceTimer = this.#failTimer = undefined;
        this.#host.onConnected();
        break;
      case 'disconnected':
        if (!this.renegotiation) break; // PeerJS behaviour: wait for failed.
        this.#armFailTimer();
        if (this.canRestartIce) {
          clearTimeout(this.#graceTimer);
          this.#graceTimer = setTimeout(() => {
            if (this.pc.iceConnectionState === 'disconnected') this.restartIce();
          }, this.#options.disconnectedGrace);
        }
        break;
      case 'failed':
        if (!this.renegotiation) {
          this.#host.onFailed();
          break;
        }
        this.#armFailTimer();
        if (this.canRestartIce) this.restartIce();
        break;
      default:
        break;
    }
  }

  #armFailTimer(): void {
    if (this.#failTimer !== undefined) return;
    this.#failTimer = setTimeout(() => {
      this.#failTimer = undefined;
      const state = this.pc.iceConnectionState;
      if (state !== 'connected' && state !== 'completed') this.#host.onFailed();
    }, this.#options.failTimeout);
  }

  #fail(what: string, error: unknown): void {
    if (this.#closed) return;
    this.#logger.error(what, error);
    this.#host.onError(
      new PeerError('webrtc', `${what}: ${describeError(error)}`, { cause: error }),
    );
  }
}

function toJsonCandidate(candidate: RTCIceCandidate): JsonObject {
  const init = candidate.toJSON();
  return {
    candidate: init.candidate ?? '',
    sdpMid: init.sdpMid ?? null,
    sdpMLineIndex: init.sdpMLineIndex ?? null,
    usernameFragment: init.usernameFragment ?? null,
  };
}
