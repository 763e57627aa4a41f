import { PEERJS_CHUNKED_MTU, positiveInteger } from './defaults';
import { SerializationError } from './errors';
import { singleFrame } from './outgoing';
import type {
  DecoderSink,
  Frame,
  FrameDecoder,
  OutgoingMessage,
  Serializer,
  SerializerOptions,
} from './types';
import { decodeText, textEncoder } from './utf8';

/**
 * PeerJS's `json` serialization: `JSON.stringify` as UTF-8 in one binary frame; no chunking:
 * messages of `maxJsonBytes` (PeerJS: 16300) bytes or more are refused with `message-too-big`.
 * Received frames may be binary (what PeerJS sends) or text.
 */
export class JsonSerializer implements Serializer {
  readonly serialization = 'json';
  readonly #maxBytes: number;

  constructor(options: SerializerOptions = {}) {
    this.#maxBytes = positiveInteger(options, 'maxJsonBytes', PEERJS_CHUNKED_MTU);
  }

  encode(value: unknown): Frame[] {
    // JSON.stringify returns undefined for undefined, functions and symbols (lib.d.ts says string).
    let text: unknown;
    try {
      text = JSON.stringify(value);
    } catch (error) {
      throw SerializationError.wrap(
        error,
        'unsupported-type',
        'json: the message is not JSON-serializable',
      );
    }
    if (typeof text !== 'string') {
      throw new SerializationError('unsupported-type', `json cannot send a ${typeof value}`);
    }
    const bytes = textEncoder.encode(text);
    if (bytes.byteLength >= this.#maxBytes) {
      throw new SerializationError(
        'message-too-big',
        `Message too big for JSON channel (${String(bytes.byteLength)} bytes, limit ${String(this.#maxBytes - 1)})`,
      );
    }
    return [bytes];
  }

  encodeMessage(value: unknown): OutgoingMessage {
    const [frame] = this.encode(value);
    if (frame === undefined) throw new Error('unreachable: one frame per message');
    return singleFrame(frame);
  }

  encodeClose(): Frame[] {
    return this.encode({ __peerData: { type: 'close' } });
  }

  createDecoder(sink: DecoderSink): FrameDecoder {
    let disposed = false;
    return {
      push(frame: Frame): void {
        if (disposed) return;
        let value: unknown;
        try {
          if (
            typeof frame !== 'string' &&
            !(frame instanceof ArrayBuffer || ArrayBuffer.isView(frame))
          ) {
            throw new SerializationError('unexpected-frame', 'json: received a Blob frame');
          }
          const text =
            typeof frame === 'string'
              ? frame
              : decodeText(
                  frame instanceof ArrayBuffer
                    ? new Uint8Array(frame)
                    : new Uint8Array(frame.buffer, frame.byteOffset, frame.byteLength),
                );
          value = JSON.parse(text);
        } catch (error) {
          sink.onError(
            SerializationError.wrap(error, 'malformed-data', 'json: a frame is not JSON'),
          );
          return;
        }
        sink.onMessage(value);
      },
      dispose(): void {
        disposed = true;
      },
    };
  }
}
