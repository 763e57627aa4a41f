import { ByteWriter, type Encoded } from '../ByteWriter';
import {
  DEFAULT_MAX_DEPTH,
  PEERJS_CHUNKED_MTU,
  decoderOptions,
  positiveInteger,
} from '../defaults';
import { SerializationError } from '../errors';
import { concatFrame, resolveBlobs, type ResolvedParts } from '../frames';
import type {
  DecoderOptions,
  DecoderSink,
  Frame,
  FrameDecoder,
  Serializer,
  SerializerOptions,
} from '../types';
import { BinaryDecoder } from './BinaryDecoder';
import { chunkFrames } from './chunks';
import { BinaryPacker } from './pack';

/**
 * PeerJS's `binary` (and identical `binary-utf8`) serialization: each message is packed with
 * BinaryPack and sent as one frame, or, when longer than the chunk size, as chunk frames.
 */
export class BinarySerializer implements Serializer {
  readonly #writer = new ByteWriter();
  readonly #packer: BinaryPacker;
  readonly #chunkSize: number;
  /** PeerJS's per-connection `_dataCount`: the id of the next chunked message. */
  #nextChunkId = 1;

  constructor(
    readonly serialization: 'binary' | 'binary-utf8',
    options: SerializerOptions = {},
  ) {
    this.#chunkSize = positiveInteger(options, 'chunkSize', PEERJS_CHUNKED_MTU);
    this.#packer = new BinaryPacker(
      this.#writer,
      positiveInteger(options, 'maxDepth', DEFAULT_MAX_DEPTH),
    );
  }

  encode(value: unknown): Frame[] | Promise<Frame[]> {
    let encoded: Encoded;
    try {
      this.#writer.reset();
      this.#packer.pack(value);
      encoded = this.#writer.finish();
    } catch (error) {
      throw SerializationError.wrap(
        error,
        'unsupported-type',
        'binary: could not pack the message',
      );
    }
    if (!encoded.hasBlobs) return this.#frames(encoded as ResolvedParts);
    return resolveBlobs(encoded).then((resolved) => this.#frames(resolved));
  }

  encodeClose(): Frame[] {
    return this.encode({ __peerData: { type: 'close' } }) as Frame[];
  }

  createDecoder(sink: DecoderSink, options?: DecoderOptions): FrameDecoder {
    return new BinaryDecoder(sink, decoderOptions(options));
  }

  #frames(message: ResolvedParts): Frame[] {
    if (message.byteLength <= this.#chunkSize) return [concatFrame(message)];
    return chunkFrames(message, this.#chunkSize, this.#nextChunkId++);
  }
}
