import { ByteWriter, type Encoded } from './ByteWriter';
import { DEFAULT_MAX_DEPTH, positiveInteger } from './defaults';
import { SerializationError } from './errors';
import { resolveBlobs, type ResolvedParts } from './frames';
import { Scratch, collectFrames } from './outgoing';
import type {
  DecoderOptions,
  DecoderSink,
  Frame,
  FrameDecoder,
  OutgoingMessage,
  SerializationType,
  Serializer,
  SerializerOptions,
} from './types';

/** Writes one value into a ByteWriter (BinaryPack or MsgPack). */
export interface Packer {
  pack(value: unknown): void;
}

/**
 * What the byte-packing serializations (binary, binary-utf8, MsgPack) share: pack the value into
 * a reusable writer, resolve Blobs, and hand the bytes to a subclass that decides the framing.
 * Frames are built lazily from the message (see outgoing.ts), into a per-connection scratch.
 */
export abstract class PackingSerializer implements Serializer {
  abstract readonly serialization: SerializationType;
  /** Largest frame on the wire, in bytes. */
  protected readonly frameSize: number;
  readonly #writer = new ByteWriter();
  readonly #packer: Packer;
  readonly #scratch = new Scratch();
  readonly #what: string;

  protected constructor(
    options: SerializerOptions,
    defaultFrameSize: number,
    createPacker: (writer: ByteWriter, maxDepth: number) => Packer,
    what: string,
  ) {
    this.frameSize = positiveInteger(options, 'chunkSize', defaultFrameSize);
    this.#packer = createPacker(
      this.#writer,
      positiveInteger(options, 'maxDepth', DEFAULT_MAX_DEPTH),
    );
    this.#what = what;
  }

  abstract createDecoder(sink: DecoderSink, options?: DecoderOptions): FrameDecoder;

  /** Frames one packed message (`detached`: its bytes are a private copy already). */
  protected abstract frame(
    message: ResolvedParts,
    scratch: Scratch,
    detached: boolean,
  ): OutgoingMessage;

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
        `${this.#what}: could not encode the message`,
      );
    }
    if (!encoded.hasBlobs) return this.frame(encoded as ResolvedParts, scratch, false);
    // finish() copied every byte part of a message with Blobs: it is detached already.
    return resolveBlobs(encoded).then((resolved) => this.frame(resolved, scratch, true));
  }
}
