import {
  MessageType,
  isAnswerPayload,
  isCandidatePayload,
  isOfferPayload,
  type ClientMessage,
  type ConnectionType,
  type JsonObject,
  type JsonValue,
  type RelayedMessage,
} from '../../../shared/signaling-protocol';
import { PeerError, type ConnectionErrorType } from './errors';
import type { Logger } from './Logger';
import { Negotiator, type NegotiatorHost } from './Negotiator';
import { TypedEmitter, type EventMap } from './TypedEmitter';
import type { Serializer } from './types';

/** Marks our OFFER/ANSWER payloads; PeerJS ignores unknown payload fields. */
export const PARLEY_MARK = 'parley';
export const PARLEY_VERSION = 1;

/** What a connection needs from its Peer (injected; the Peer implements it). */
export interface ConnectionHost {
  readonly config: RTCConfiguration;
  readonly logger: Logger;
  /** Default connect/call timeout in ms (0 = none). */
  readonly connectTimeout: number;
  /** Sends a frame to the signaling server (queued while reconnecting). */
  signal(message: ClientMessage): void;
  /** Forgets a closed connection. */
  removeConnection(connection: { readonly peer: string; readonly connectionId: string }): void;
  /** Builds the codec of a serialization. */
  codecFor(serialization: string): Serializer | undefined;
}

/** Events every connection emits. */
export interface BaseConnectionEvents {
  /** Something went wrong on this connection; `error.type` says what. */
  error: (error: PeerError<ConnectionErrorType>) => void;
  /** The connection closed (either side, or the network); fires once. */
  close: () => void;
  /** ICE connection state changed (PeerJS's `iceStateChanged`). */
  iceStateChanged: (state: RTCIceConnectionState) => void;
}

/**
 * What Data and Media connections share: identity, the Negotiator and its signaling, the
 * connect timeout, Parley detection, and the close path (once, releasing everything).
 */
export abstract class BaseConnection<E extends EventMap<E>> extends TypedEmitter<
  E & BaseConnectionEvents
> {
  abstract readonly type: ConnectionType;
  /** The remote peer's id. */
  readonly peer: string;
  readonly connectionId: string;
  /** What the caller passed as metadata. */
  readonly metadata: unknown;
  /** True when the other side said it is a Parley client (renegotiation, ICE restart). */
  remoteIsParley = false;
  protected readonly host: ConnectionHost;
  protected negotiator: Negotiator | undefined;
  protected _open = false;
  protected _closed = false;
  readonly #originator: boolean;
  #timeoutTimer: ReturnType<typeof setTimeout> | undefined;

  protected constructor(
    peer: string,
    host: ConnectionHost,
    init: { connectionId: string; metadata: unknown; originator: boolean; timeout?: number },
  ) {
    super();
    this.peer = peer;
    this.host = host;
    this.connectionId = init.connectionId;
    this.metadata = init.metadata;
    this.#originator = init.originator;
    const timeout = init.timeout ?? host.connectTimeout;
    if (timeout > 0) {
      this.#timeoutTimer = setTimeout(() => {
        this.fail('timeout', `Connection to ${peer} did not open within ${timeout} ms`);
      }, timeout);
    }
  }

  /** True once the connection is usable (see subclasses). */
  get open(): boolean {
    return this._open;
  }

  /** The RTCPeerConnection (null before answer() on an incoming call, and after close). */
  get peerConnection(): RTCPeerConnection | null {
    return this._closed ? null : (this.negotiator?.pc ?? null);
  }

  /** Parley: restarts ICE now (both sides Parley); returns whether a restart was started. */
  restartIce(): boolean {
    return this.negotiator?.restartIce() ?? false;
  }

  /** Handles a relayed frame for this connection (ANSWER, CANDIDATE, renegotiation OFFER). */
  handleMessage(message: RelayedMessage): void {
    if (this._closed) return;
    const payload = message.payload;
    if (message.type === MessageType.Answer && isAnswerPayload(payload)) {
      if (payload[PARLEY_MARK] !== undefined) this.remoteIsParley = true;
      const negotiator = this.negotiator;
      if (!negotiator) return;
      void negotiator.handleAnswer(payload.sdp.sdp).then(() => {
        if (this.remoteIsParley && !this._closed) negotiator.renegotiation = true;
        this.onAnswered();
      });
    } else if (message.type === MessageType.Candidate && isCandidatePayload(payload)) {
      void this.negotiator?.handleCandidate(payload.candidate);
    } else if (message.type === MessageType.Offer && isOfferPayload(payload)) {
      void this.negotiator?.handleOffer(payload.sdp.sdp, this.#answerExtras());
    } else {
      this.host.logger.warn(`Ignoring ${message.type} for ${this.connectionId}`);
    }
  }

  /** Parley: the remote peer is gone (server EXPIRE) — fail with `peer-unavailable`. */
  peerUnavailable(): void {
    if (!this._open) this.fail('peer-unavailable', `Could not connect to peer ${this.peer}`);
  }

  /** @internal Closes now: emits `error` (type, message) then `close`. */
  fail(type: ConnectionErrorType, message: string, cause?: unknown): void {
    if (this._closed) return;
    this.emitError(new PeerError(type, message, { cause, peer: this.peer }));
    this.teardown();
  }

  protected emitError(error: PeerError<ConnectionErrorType>): void {
    this.host.logger.error(error.message);
    (this as TypedEmitter<BaseConnectionEvents>).emit('error', error);
  }

  /** Starts the RTCPeerConnection. */
  protected createNegotiator(transformSdp: (sdp: string) => string): Negotiator {
    const host: NegotiatorHost = {
      signal: (kind, payload) => {
        this.host.signal({
          type: kind,
          dst: this.peer,
          payload: { ...payload, type: this.type, connectionId: this.connectionId },
        });
      },
      transformSdp,
      onError: (error) => {
        this.emitError(new PeerError('webrtc', error.message, { cause: error, peer: this.peer }));
      },
      onFailed: () => {
        this.fail('negotiation-failed', `Negotiation of connection to ${this.peer} failed.`);
      },
      onConnected: () => {
        this.onIceConnected();
      },
    };
    const negotiator = new Negotiator(
      host,
      {
        config: this.host.config,
        polite: !this.#originator,
        disconnectedGrace: 2000,
        failTimeout: 30_000,
      },
      this.host.logger,
    );
    negotiator.pc.addEventListener('iceconnectionstatechange', () => {
      (this as TypedEmitter<BaseConnectionEvents>).emit(
        'iceStateChanged',
        negotiator.pc.iceConnectionState,
      );
    });
    this.negotiator = negotiator;
    return negotiator;
  }

  /** Applies the remote offer as the answerer and marks Parley peers. */
  protected acceptOffer(
    negotiator: Negotiator,
    offer: JsonObject & { sdp: { sdp: string } },
    beforeAnswer?: () => void,
  ): void {
    if (offer[PARLEY_MARK] !== undefined) this.remoteIsParley = true;
    void negotiator.handleOffer(offer.sdp.sdp, this.#answerExtras(), beforeAnswer).then(() => {
      if (this.remoteIsParley && !this._closed) negotiator.renegotiation = true;
    });
  }

  /** Fields we add to every OFFER (PeerJS's, plus the Parley mark). */
  protected offerExtras(extra: Record<string, JsonValue | undefined>): JsonObject {
    const out: JsonObject = { [PARLEY_MARK]: PARLEY_VERSION };
    for (const [key, value] of Object.entries(extra)) if (value !== undefined) out[key] = value;
    return out;
  }

  protected clearTimeout(): void {
    clearTimeout(this.#timeoutTimer);
    this.#timeoutTimer = undefined;
  }

  /** Called when our offer has been answered. */
  protected onAnswered(): void {
    // Subclasses override.
  }

  /** Called when ICE connects (first time or after a restart). */
  protected onIceConnected(): void {
    // Subclasses override.
  }

  /** Releases everything and emits `close` once. */
  protected teardown(): void {
    if (this._closed) return;
    this._closed = true;
    this._open = false;
    this.clearTimeout();
    this.releaseResources();
    this.negotiator?.close();
    this.host.removeConnection(this);
    (this as TypedEmitter<BaseConnectionEvents>).emit('close');
    this.removeAllListeners();
  }

  /** Subclass cleanup (channels, queues, streams) before the RTCPeerConnection closes. */
  protected abstract releaseResources(): void;

  #answerExtras(): JsonObject {
    return { [PARLEY_MARK]: PARLEY_VERSION };
  }
}
