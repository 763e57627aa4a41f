import { decoderOptions, PEERJS_STREAM_CHUNK_SIZE } from '../defaults';
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
import { MsgPackStreamDecoder } from './MsgPackStreamDecoder';
import { MsgPackPacker } from './pack';

/**
 * PeerJS's MsgPack serialization (MsgPackPeer): each message is msgpack-encoded and the byte
 * stream is cut into frames of at most 32768 bytes; there is no other framing.
 */
export class MsgPackSerializer extends PackingSerializer {
  readonly serialization = 'MsgPack';

  constructor(options: SerializerOptions = {}) {
    super(
      options,
      PEERJS_STREAM_CHUNK_SIZE,
      (writer, maxDepth) => new MsgPackPacker(writer, maxDepth),
      'MsgPack',
    );
  }

  createDecoder(sink: DecoderSink, options?: DecoderOptions): FrameDecoder {
    return new MsgPackStreamDecoder(sink, decoderOptions(options));
  }

  protected frame(message: ResolvedParts, scratch: Scratch, detached: boolean): OutgoingMessage {
    return new StreamMessage(message, this.frameSize, scratch, detached);
  }
}
