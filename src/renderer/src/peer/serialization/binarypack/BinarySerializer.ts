import { decoderOptions, PEERJS_CHUNKED_MTU } from '../defaults';
import type { ResolvedParts } from '../frames';
import { Scratch, StreamMessage } from '../outgoing';
import { PackingSerializer } from '../PackingSerializer';
import type {
  DecoderOptions,
  DecoderSink,
  FrameDecoder,
  OutgoingMessage,
  SerializerOptions,
} from '../types';
import { BinaryDecoder } from './BinaryDecoder';
import { ChunkedMessage } from './chunks';
import { BinaryPacker } from './pack';

/**
 * PeerJS's `binary` (and identical `binary-utf8`) serialization: each message is packed with
 * BinaryPack and sent as one frame, or, when longer than the chunk size, as chunk frames.
 */
export class BinarySerializer extends PackingSerializer {
  /** PeerJS's per-connection `_dataCount`: the id of the next chunked message. */
  #nextChunkId = 1;

  constructor(
    readonly serialization: 'binary' | 'binary-utf8',
    options: SerializerOptions = {},
  ) {
    super(
      options,
      PEERJS_CHUNKED_MTU,
      (writer, maxDepth) => new BinaryPacker(writer, maxDepth),
      serialization,
    );
  }

  createDecoder(sink: DecoderSink, options?: DecoderOptions): FrameDecoder {
    return new BinaryDecoder(sink, decoderOptions(options));
  }

  protected frame(message: ResolvedParts, scratch: Scratch, detached: boolean): OutgoingMessage {
    if (message.byteLength <= this.frameSize) {
      return new StreamMessage(message, this.frameSize, scratch, detached);
    }
    return new ChunkedMessage(message, this.frameSize, this.#nextChunkId++, scratch, detached);
  }
}
