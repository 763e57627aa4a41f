/**
 * PeerJS-compatible data serializers (wire formats in README.md). One Serializer per
 * DataConnection: `encode` gives the frames to send, `createDecoder` turns received frames back
 * into messages.
 */
import { BinarySerializer } from './binarypack/BinarySerializer';
import { JsonSerializer } from './JsonSerializer';
import { MsgPackSerializer } from './msgpack/MsgPackSerializer';
import { RawSerializer } from './RawSerializer';
import type { SerializationType, Serializer, SerializerOptions } from './types';

export type {
  DecoderOptions,
  DecoderSink,
  Frame,
  FrameDecoder,
  SerializationType,
  Serializer,
  SerializerOptions,
  Timers,
} from './types';
export { SerializationError, type SerializationErrorType } from './errors';
export { MsgPackExt } from './msgpack/MsgPackExt';
export { PEERJS_CHUNKED_MTU, PEERJS_STREAM_CHUNK_SIZE } from './defaults';

const ALIASES: Readonly<Record<string, SerializationType>> = {
  binary: 'binary',
  'binary-utf8': 'binary-utf8',
  json: 'json',
  raw: 'raw',
  none: 'raw',
  MsgPack: 'MsgPack',
  msgpack: 'MsgPack',
  // PeerJS's `serialization: "default"` means binary (MsgPackPeer's default is MsgPack).
  default: 'binary',
};

/** True for the names PeerJS puts on the wire (the OFFER's `serialization`). */
export function isSerializationType(name: unknown): name is SerializationType {
  return (
    name === 'binary' ||
    name === 'binary-utf8' ||
    name === 'json' ||
    name === 'raw' ||
    name === 'MsgPack'
  );
}

/** The wire name for a name or alias (`none` → `raw`, `msgpack` → `MsgPack`, `default` → `binary`). */
export function normalizeSerializationType(name: string): SerializationType | undefined {
  return Object.hasOwn(ALIASES, name) ? ALIASES[name] : undefined;
}

/** A new serializer for one connection. Throws RangeError on invalid options. */
export function createSerializer(
  type: SerializationType,
  options: SerializerOptions = {},
): Serializer {
  switch (type) {
    case 'binary':
    case 'binary-utf8':
      return new BinarySerializer(type, options);
    case 'json':
      return new JsonSerializer(options);
    case 'raw':
      return new RawSerializer();
    case 'MsgPack':
      return new MsgPackSerializer(options);
  }
}
