/**
 * Public types of the serializers. Structurally identical to the PeerJS names used on the wire
 * (the `serialization` field of an OFFER), so values pass straight into signaling messages.
 */

/** Serializations PeerJS 1.5 accepts, spelled as on the wire (`MsgPack` is MsgPackPeer's). */
export type SerializationType = 'binary' | 'binary-utf8' | 'json' | 'raw' | 'MsgPack';

/** One DataChannel message, as handed to `RTCDataChannel.send` or received from it. */
export type Frame = ArrayBuffer | ArrayBufferView<ArrayBuffer> | string | Blob;

/** Timer functions, injected so tests can drive chunk timeouts deterministically. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Milliseconds on a monotonic clock. */
  now(): number;
}

/** Options for the sending side; every one has a PeerJS-compatible default. */
export interface SerializerOptions {
  /**
   * binary: payload bytes per chunk of a chunked message [16300, PeerJS's `chunkedMTU`; messages
   * whose packed size exceeds it are chunked]. MsgPack: bytes per frame of the stream [32768].
   */
  readonly chunkSize?: number;
  /** json: messages of this many UTF-8 bytes or more are refused, as PeerJS does [16300]. */
  readonly maxJsonBytes?: number;
  /** binary and MsgPack: deepest nesting of arrays/objects encoded before refusing [512]. */
  readonly maxDepth?: number;
}

/** Options for the receiving side. */
export interface DecoderOptions {
  /** Largest message accepted, reassembled or streamed, in bytes [268435456 = 256 MiB]. */
  readonly maxMessageBytes?: number;
  /** binary: incomplete chunked messages kept at once; the oldest is dropped beyond it [16]. */
  readonly maxPendingMessages?: number;
  /** binary: bytes held by incomplete chunked messages; the oldest are dropped beyond it [512 MiB]. */
  readonly maxPendingBytes?: number;
  /** binary: an incomplete chunked message without a new chunk for this long is dropped [30000]. */
  readonly chunkTimeoutMs?: number;
  /** Timer functions [globalThis.setTimeout/clearTimeout, performance.now]. */
  readonly timers?: Timers;
}

/** Where a decoder delivers what it decoded. Called synchronously from `push` (or a timer). */
export interface DecoderSink {
  /**
   * A complete message. PeerJS control messages (`{ __peerData: { type: 'close' } }`) arrive
   * here too; the connection decides what to do with them.
   */
  onMessage(value: unknown): void;
  /** A frame, a chunked message or the stream could not be decoded; decoding continues. */
  onError(error: import('./errors').SerializationError): void;
}

/** Turns received frames, fed in order, back into messages. */
export interface FrameDecoder {
  /** Feeds one received frame. Never throws: problems go to `onError`. */
  push(frame: Frame): void;
  /** Drops partial messages and timers; later frames are ignored. */
  dispose(): void;
}

/**
 * One encoded message waiting to be sent, whose frames are built one at a time as the channel
 * takes them (so a queued message costs no more memory than its payload, and usually nothing:
 * it references the caller's bytes until it has to wait).
 */
export interface OutgoingMessage {
  /** Bytes of all its frames together. */
  readonly byteLength: number;
  /** Bytes of its largest frame (checked against the channel's maxMessageSize). */
  readonly maxFrameBytes: number;
  /** True once every frame was produced. */
  readonly finished: boolean;
  /**
   * The next frame, or undefined once every frame was produced. The frame may be a view of a
   * scratch buffer that the serializer reuses: hand it to `RTCDataChannel.send` (which copies
   * it) before calling any `nextFrame` again.
   */
  nextFrame(): Frame | undefined;
  /**
   * Makes the message independent of the caller's buffers and of the serializer's scratch
   * space (copying what is left to send). Called before the message waits in a queue, or
   * before the serializer encodes another message; later changes by the caller do not leak.
   */
  detach(): void;
}

/** One serialization for one DataConnection (it keeps per-connection state such as chunk ids). */
export interface Serializer {
  readonly serialization: SerializationType;
  /**
   * Encodes one message into the frames to send, in order. Synchronous unless the value holds a
   * Blob (binary, MsgPack), then a Promise: callers must keep send order across such messages.
   * Throws (or rejects with) a SerializationError.
   */
  encode(value: unknown): Frame[] | Promise<Frame[]>;
  /**
   * Encodes one message for lazy framing (what a DataConnection uses): same rules as `encode`.
   * A synchronous result references the caller's bytes and the serializer's scratch space until
   * `detach()`: send it or detach it before this serializer encodes the next message.
   */
  encodeMessage(value: unknown): OutgoingMessage | Promise<OutgoingMessage>;
  /** Frames of PeerJS's in-band close request; empty for `raw`, which has none. */
  encodeClose(): Frame[];
  /** A decoder for the frames received on this connection. */
  createDecoder(sink: DecoderSink, options?: DecoderOptions): FrameDecoder;
}
