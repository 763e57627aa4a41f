import { ByteWriter, type Encoded } from '../ByteWriter';
import {
  DEFAULT_MAX_DEPTH,
  PEERJS_CHUNKED_MTU,
  decoderOptions,
  positiveInteger,
} from '../defaults';
import { SerializationError } from '../errors';
import { resolveBlobs, type ResolvedParts } from '../frames';
import { Scratch, StreamMessage, collectFrames } from '../outgoing';
import type {
  DecoderOptions,
  DecoderSink,
  Frame,
  FrameDecoder,
  OutgoingMessage,
  Serializer,
  SerializerOptions,
} from '../types';
import { BinaryDecoder } from './BinaryDecoder';
import { ChunkedMessage } from './chunks';
import { BinaryPacker } from './pack';

/**
 * PeerJS's `binary` (and identical `binary-utf8`) serialization: each message is packed with
 * BinaryPack and sent as one frame, or, when longer than the chunk size, as chunk frames.
 */
export class BinarySerializer implements Serializer {
  readonly #writer = new ByteWriter();
  readonly #packer: BinaryPacker;
  readonly #chunkSize: number;
  readonly #scratch = new Scratch();
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
    const message = this.#encode(value, new Scratch(false));
    return message instanceof Promise ? message.then(collectFrames) : collectFrames(message);
  }

  encodeMessage(value: unknown): OutgoingMessage | Promise<OutgoingMessage> {
    return this.#encode(value, this.#scratch);
  }

  encodeClose(): Frame[] {
    return this.encode({ __peerData: { type: 'close' } }) as Frame[];
  }

  createDecoder(sink: DecoderSink, options?: DecoderOptions): FrameDecoder {
    return new BinaryDecoder(sink, decoderOptions(options));
  }

  #encode(value: unknown, scratch: Scratch): OutgoingMessage | Promise<OutgoingMessage> {
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
    if (!encoded.hasBlobs) return this.#message(encoded as ResolvedParts, scratch, false);
    // finish() copied every byte part of a message with Blobs: it is detached already.
    return resolveBlobs(encoded).then((resolved) => this.#message(resolved, scratch, true));
  }

  #message(message: ResolvedParts, scratch: Scratch, detached: boolean): OutgoingMessage {
    if (message.byteLength <= this.#chunkSize) {
      return new StreamMessage(message, this.#chunkSize, scratch, detached);
    }
    return new ChunkedMessage(message, this.#chunkSize, this.#nextChunkId++, scratch, detached);
  }
}
