import { SerializationError } from '../errors';
import type { ResolvedDecoderOptions } from '../defaults';
import type { DecoderSink, Frame, FrameDecoder } from '../types';
import { ChunkReassembler } from './ChunkReassembler';
import { looksLikeChunk, parseChunkFrame, toChunk } from './chunks';
import { unpack } from './unpack';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !(value instanceof ArrayBuffer) &&
  !Array.isArray(value);

/**
 * Decodes `binary` / `binary-utf8` frames as PeerJS's BinaryPack connection: each frame is one
 * BinaryPack value; a map with a truthy `__peerData` is a close request (`{ type: 'close' }`,
 * passed on as a message) or a chunk, reassembled and decoded in turn.
 */
export class BinaryDecoder implements FrameDecoder {
  readonly #chunks: ChunkReassembler;
  #disposed = false;

  constructor(
    private readonly sink: DecoderSink,
    options: ResolvedDecoderOptions,
  ) {
    this.#chunks = new ChunkReassembler(options, options.timers, (error) => {
      if (!this.#disposed) sink.onError(error);
    });
  }

  push(frame: Frame): void {
    if (this.#disposed) return;
    if (typeof frame === 'string' || !(frame instanceof ArrayBuffer || ArrayBuffer.isView(frame))) {
      this.sink.onError(
        new SerializationError(
          'unexpected-frame',
          `binary: received a ${typeof frame === 'string' ? 'text' : 'Blob'} frame`,
        ),
      );
      return;
    }
    const bytes =
      frame instanceof ArrayBuffer
        ? new Uint8Array(frame)
        : new Uint8Array(frame.buffer, frame.byteOffset, frame.byteLength);
    let result: { value: unknown } | undefined;
    try {
      result = this.#decode(bytes, false);
    } catch (error) {
      this.sink.onError(
        SerializationError.wrap(error, 'malformed-data', 'binary: could not decode a frame'),
      );
      return;
    }
    if (result !== undefined) this.sink.onMessage(result.value);
  }

  dispose(): void {
    this.#disposed = true;
    this.#chunks.clear();
  }

  /** The message in a frame (or completed by it), undefined when there is none yet. */
  #decode(bytes: Uint8Array, reassembled: boolean): { value: unknown } | undefined {
    const fast = reassembled ? undefined : parseChunkFrame(bytes);
    if (fast !== undefined) return this.#complete(this.#chunks.add(fast));
    const chunkLike = looksLikeChunk(bytes);
    const value = unpack(bytes, chunkLike ? 'view' : 'arraybuffer');
    if (!isRecord(value) || !value.__peerData) {
      // Not a control message after all: decode again so raw items come out as ArrayBuffers.
      return { value: chunkLike ? unpack(bytes) : value };
    }
    const peerData = value.__peerData;
    if (isRecord(peerData) && peerData.type === 'close') return { value };
    if (reassembled) {
      throw new SerializationError(
        'invalid-chunk',
        'binary: a reassembled message is itself a chunk',
      );
    }
    const chunk = toChunk(value);
    if (typeof chunk === 'string') {
      throw new SerializationError(
        'invalid-chunk',
        `binary: a __peerData message is neither a close request nor a chunk: ${chunk}`,
      );
    }
    return this.#complete(this.#chunks.add(chunk));
  }

  /** The message a chunk completed, if it did. */
  #complete(whole: Uint8Array | ArrayBuffer | undefined): { value: unknown } | undefined {
    if (whole === undefined) return undefined;
    // A message that is one raw item comes back as its ArrayBuffer, already decoded.
    return whole instanceof ArrayBuffer ? { value: whole } : this.#decode(whole, true);
  }
}
