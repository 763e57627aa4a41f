import { ByteWriter, type Encoded } from '../ByteWriter';
import {
  DEFAULT_MAX_DEPTH,
  PEERJS_STREAM_CHUNK_SIZE,
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
import { MsgPackStreamDecoder } from './MsgPackStreamDecoder';
import { MsgPackPacker } from './pack';

/**
 * PeerJS's MsgPack serialization (MsgPackPeer): each message is msgpack-encoded and the byte
 * stream is cut into frames of at most 32768 bytes; there is no other framing.
 */
export class MsgPackSerializer implements Serializer {
  readonly serialization = 'MsgPack';
  readonly #writer = new ByteWriter();
  readonly #packer: MsgPackPacker;
  readonly #frameSize: number;
  readonly #scratch = new Scratch();

  constructor(options: SerializerOptions = {}) {
    this.#frameSize = positiveInteger(options, 'chunkSize', PEERJS_STREAM_CHUNK_SIZE);
    this.#packer = new MsgPackPacker(
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
    return new MsgPackStreamDecoder(sink, decoderOptions(options));
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
        'MsgPack: could not encode the message',
      );
    }
    const frameSize = this.#frameSize;
    if (!encoded.hasBlobs) {
      return new StreamMessage(encoded as ResolvedParts, frameSize, scratch);
    }
    // finish() copied every byte part of a message with Blobs: it is detached already.
    return resolveBlobs(encoded).then(
      (resolved) => new StreamMessage(resolved, frameSize, scratch, true),
    );
  }
}
