import { SerializationError } from './errors';
import { isArrayBuffer, isBlob } from './kinds';
import { singleFrame } from './outgoing';
import type { DecoderSink, Frame, FrameDecoder, OutgoingMessage, Serializer } from './types';

/**
 * PeerJS's `raw` serialization (SerializationType.None): what is sent is what the channel
 * carries — strings, ArrayBuffers, typed arrays, DataViews and Blobs, unchanged and unchunked;
 * received frames are passed on as they come (strings, ArrayBuffers). No in-band close request.
 */
export class RawSerializer implements Serializer {
  readonly serialization = 'raw';

  encode(value: unknown): Frame[] {
    if (typeof value === 'string') return [value];
    if (typeof value === 'object' && value !== null) {
      if (isArrayBuffer(value) || isBlob(value)) return [value];
      if (ArrayBuffer.isView(value) && isArrayBuffer(value.buffer))
        return [value as ArrayBufferView<ArrayBuffer>];
    }
    throw new SerializationError(
      'unsupported-type',
      'raw sends only strings, ArrayBuffers, typed arrays, DataViews and Blobs',
    );
  }

  encodeMessage(value: unknown): OutgoingMessage {
    const [frame] = this.encode(value);
    if (frame === undefined) throw new Error('unreachable: one frame per message');
    return singleFrame(frame);
  }

  encodeClose(): Frame[] {
    return [];
  }

  createDecoder(sink: DecoderSink): FrameDecoder {
    let disposed = false;
    return {
      push(frame: Frame): void {
        if (!disposed) sink.onMessage(frame);
      },
      dispose(): void {
        disposed = true;
      },
    };
  }
}
