import { createSerializer, normalizeSerializationType } from './serialization';
import type { Serializer } from './types';

/**
 * The serializer of a serialization name or alias (`default` → binary, `none` → raw), or
 * undefined when the name is unknown.
 */
export function createCodec(serialization: string): Serializer | undefined {
  const type = normalizeSerializationType(serialization);
  return type === undefined ? undefined : createSerializer(type);
}
