/** Errors of the serializers. None is thrown out of a decoder: they go to `DecoderSink.onError`. */

/** What went wrong. `message-too-big` is PeerJS's DataConnectionErrorType value. */
export type SerializationErrorType =
  /** encode: the value holds something the serialization cannot carry (function, symbol, bigint, cycle…). */
  | 'unsupported-type'
  /** encode: over the JSON size limit; decode: over `maxMessageBytes`. */
  | 'message-too-big'
  /** encode: reading a Blob failed. */
  | 'blob-read-failed'
  /** decode: a frame of a kind this serialization never sends (text in binary, a Blob). */
  | 'unexpected-frame'
  /** decode: bytes or text that do not decode; the frame (or, for MsgPack, the stream) is dropped. */
  | 'malformed-data'
  /** decode: a chunk whose fields contradict the format or earlier chunks; its message is dropped. */
  | 'invalid-chunk'
  /** decode: an incomplete chunked message got no chunk for `chunkTimeoutMs`; it is dropped. */
  | 'chunk-timeout'
  /** decode: an incomplete chunked message was dropped to stay within the pending limits. */
  | 'chunk-evicted';

export class SerializationError extends Error {
  override readonly name = 'SerializationError';

  constructor(
    readonly type: SerializationErrorType,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** Wraps anything thrown while encoding or decoding; SerializationErrors pass through. */
  static wrap(error: unknown, type: SerializationErrorType, context: string): SerializationError {
    if (error instanceof SerializationError) return error;
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return new SerializationError(type, `${context} (${detail})`, { cause: error });
  }
}
