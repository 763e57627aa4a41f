import {
  ConnectionType,
  type JsonObject,
  type JsonValue,
} from '../../../shared/signaling-protocol';
import { BaseConnection, type ConnectionHost } from './BaseConnection';
import { PeerError, describeError } from './errors';
import type { DataConnectionEvents } from './events';
import { SendQueue } from './SendQueue';
import { SerializationError } from './serialization/errors';
import type { OutgoingMessage } from './serialization/types';
import type { FrameDecoder, Serializer } from './types';

/** Bytes the channel may hold before we stop handing it frames, and where we resume. */
export const HIGH_WATER_MARK = 4 * 1024 * 1024;
export const LOW_WATER_MARK = 1024 * 1024;

export interface DataConnectionInit {
  connectionId: string;
  codec: Serializer;
  label?: string | undefined;
  metadata?: unknown;
  reliable?: boolean | undefined;
  timeout?: number | undefined;
  /** The remote OFFER payload when the remote side connected to us. */
  offer?: (JsonObject & { sdp: { sdp: string } }) | undefined;
}

/** PeerJS's in-band close request: `{ __peerData: { type: 'close' } }`. */
function isCloseRequest(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const peerData = (value as { __peerData?: unknown }).__peerData;
  return (
    typeof peerData === 'object' &&
    peerData !== null &&
    (peerData as { type?: unknown }).type === 'close'
  );
}

/**
 * A data channel to one remote peer, wire-compatible with PeerJS's DataConnection for every
 * serialization; sends with byte-based backpressure and closes after flushing by default.
 */
export class DataConnection extends BaseConnection<DataConnectionEvents> {
  static readonly ID_PREFIX = 'dc_';
  readonly type = ConnectionType.Data;
  readonly label: string;
  readonly serialization: string;
  readonly reliable: boolean;
  #codec: Serializer;
  #decoder: FrameDecoder | undefined;
  /** Set while a Blob-holding message is being encoded: later sends wait behind it. */
  #encoding: Promise<void> | undefined;
  #channel: RTCDataChannel | undefined;
  #queue: SendQueue | undefined;
  #closing = false;
  #drainWaiters: (() => void)[] = [];

  constructor(peer: string, host: ConnectionHost, init: DataConnectionInit) {
    super(peer, host, {
      connectionId: init.connectionId,
      metadata: init.metadata,
      originator: init.offer === undefined,
      timeout: init.timeout,
    });
    this.#codec = init.codec;
    this.serialization = init.codec.serialization;
    this.label = init.label ?? this.connectionId;
    this.reliable = init.codec.serialization === 'MsgPack' ? true : Boolean(init.reliable);
    const negotiator = this.createNegotiator((sdp) => sdp);
    if (init.offer === undefined) {
      this.#useChannel(negotiator.pc.createDataChannel(this.label, { ordered: this.reliable }));
      void negotiator.offer(
        this.offerExtras({
          metadata: init.metadata as JsonValue | undefined,
          label: this.label,
          reliable: this.reliable,
          serialization: this.serialization,
        }),
      );
    } else {
      negotiator.pc.ondatachannel = (event) => {
        this.#useChannel(event.channel);
      };
      this.acceptOffer(negotiator, init.offer);
    }
  }

  /** The RTCDataChannel (null before it exists and after close). */
  get dataChannel(): RTCDataChannel | null {
    return this._closed ? null : (this.#channel ?? null);
  }

  /** Bytes queued in this connection and not yet handed to the channel (PeerJS: messages). */
  get bufferSize(): number {
    return this.#queue?.queuedBytes ?? 0;
  }

  /** Bytes the channel itself holds (RTCDataChannel.bufferedAmount). */
  get bufferedAmount(): number {
    return this.#channel?.bufferedAmount ?? 0;
  }

  /**
   * Sends one message. Never throws for connection problems: they go to `error`. The promise
   * resolves once the message's frames are all handed to the channel — await it to send any
   * amount of data with bounded memory.
   */
  send(data: unknown): Promise<void> {
    if (!this._open || this.#closing || !this.#queue) {
      this.emitError(
        new PeerError(
          'not-open-yet',
          'Connection is not open. You should listen for the `open` event before sending messages.',
          { peer: this.peer },
        ),
      );
      return Promise.resolve();
    }
    let encoded: OutgoingMessage | Promise<OutgoingMessage>;
    try {
      encoded = this.#codec.encodeMessage(data);
    } catch (error) {
      this.emitError(toConnectionError(error, this.peer, 'encode-failed'));
      return Promise.resolve();
    }
    if (!(encoded instanceof Promise)) {
      if (this.#encoding === undefined) return this.#enqueue(encoded);
      // It waits behind a Blob message: it must not reference the codec's scratch space or
      // the caller's buffers meanwhile.
      encoded.detach();
    }
    const previous = this.#encoding ?? Promise.resolve();
    const sent = previous.then(async () => {
      let message: OutgoingMessage;
      try {
        message = await encoded;
      } catch (error) {
        this.emitError(toConnectionError(error, this.peer, 'encode-failed'));
        return;
      }
      await this.#enqueue(message);
    });
    const marker = sent.then(() => {
      if (this.#encoding === marker) this.#encoding = undefined;
    });
    this.#encoding = marker;
    return sent;
  }

  #enqueue(message: OutgoingMessage): Promise<void> {
    const queue = this.#queue;
    if (!queue || this._closed) return Promise.resolve();
    const max = this.peerConnection?.sctp?.maxMessageSize ?? Infinity;
    if (message.maxFrameBytes > max) {
      this.emitError(
        new PeerError(
          'message-too-big',
          `A ${message.maxFrameBytes}-byte frame exceeds the channel's ${max}-byte limit`,
          { peer: this.peer },
        ),
      );
      return Promise.resolve();
    }
    return queue.push(message);
  }

  /** Resolves when everything queued here has been handed to the channel. */
  async drained(): Promise<void> {
    await this.#encoding;
    if (!this.#queue || this.#queue.idle) return;
    await new Promise<void>((resolve) => this.#drainWaiters.push(resolve));
  }

  /**
   * Closes the connection. By default queued data is sent first (the channel then closes, which
   * the remote side, PeerJS or Parley, sees as a close); `{ flush: false }` drops it.
   */
  close(options: { flush?: boolean } = {}): void {
    if (this._closed || this.#closing) return;
    const flush = options.flush ?? true;
    const channel = this.#channel;
    if (!flush || !channel || channel.readyState !== 'open') {
      this.teardown();
      return;
    }
    this.#closing = true;
    void this.drained().then(() => {
      if (this._closed) return;
      const done = (): void => {
        this.teardown();
      };
      channel.addEventListener('close', done, { once: true });
      const timer = setTimeout(done, 5000);
      channel.addEventListener(
        'close',
        () => {
          clearTimeout(timer);
        },
        { once: true },
      );
      channel.close();
    });
  }

  protected override onIceConnected(): void {
    // Data opens on the channel's own open event.
  }

  protected override releaseResources(): void {
    this.#queue?.stop();
    this.#queue = undefined;
    this.#decoder?.dispose();
    this.#decoder = undefined;
    const waiters = this.#drainWaiters;
    this.#drainWaiters = [];
    for (const resolve of waiters) resolve();
    const channel = this.#channel;
    if (channel) {
      channel.onopen = channel.onmessage = channel.onclose = channel.onerror = null;
      if (channel.readyState !== 'closed') channel.close();
    }
  }

  #useChannel(channel: RTCDataChannel): void {
    if (this.#channel || this._closed) return;
    this.#channel = channel;
    channel.binaryType = 'arraybuffer';
    this.#decoder = this.#codec.createDecoder({
      onMessage: (value) => {
        this.#onMessage(value);
      },
      onError: (error) => {
        this.emitError(toConnectionError(error, this.peer, 'decode-failed'));
      },
    });
    this.#queue = new SendQueue(
      channel,
      { highWaterMark: HIGH_WATER_MARK, lowWaterMark: LOW_WATER_MARK },
      (error) => {
        this.fail('webrtc', `Sending failed: ${describeError(error)}`, error);
      },
      () => {
        const waiters = this.#drainWaiters;
        this.#drainWaiters = [];
        for (const resolve of waiters) resolve();
        this.emit('drain');
      },
    );
    channel.onopen = () => {
      if (this._closed) return;
      this._open = true;
      this.clearTimeout();
      this.emit('open');
    };
    channel.onmessage = (event: MessageEvent) => {
      const data: unknown = event.data;
      if (typeof data === 'string' || data instanceof ArrayBuffer) this.#decoder?.push(data);
    };
    channel.onclose = () => {
      this.teardown();
    };
    if (channel.readyState === 'open') channel.onopen(new Event('open'));
  }

  #onMessage(value: unknown): void {
    if (this._closed) return;
    if (this.serialization !== 'raw' && isCloseRequest(value)) {
      this.close({ flush: false });
      return;
    }
    this.emit('data', value);
  }
}

function toConnectionError(
  error: unknown,
  peer: string,
  fallback: 'encode-failed' | 'decode-failed',
): PeerError<'message-too-big' | 'encode-failed' | 'decode-failed'> {
  const tooBig = error instanceof SerializationError && error.type === 'message-too-big';
  const message = error instanceof Error ? error.message : describeError(error);
  return new PeerError(tooBig ? 'message-too-big' : fallback, message, { cause: error, peer });
}
