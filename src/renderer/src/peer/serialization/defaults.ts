import type { DecoderOptions, SerializerOptions, Timers } from './types';

/** PeerJS's `chunkedMTU`: binary chunk payload size, and the JSON size limit. */
export const PEERJS_CHUNKED_MTU = 16300;
/** PeerJS's StreamConnection `_CHUNK_SIZE`: MsgPack frame size. */
export const PEERJS_STREAM_CHUNK_SIZE = 32768;

export const DEFAULT_MAX_DEPTH = 512;

const defaultTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => {
    globalThis.clearTimeout(handle as Parameters<typeof globalThis.clearTimeout>[0]);
  },
  now: () => globalThis.performance.now(),
};

export type ResolvedDecoderOptions = Required<DecoderOptions>;

/** Decoder options with defaults filled in. */
export function decoderOptions(options: DecoderOptions = {}): ResolvedDecoderOptions {
  return {
    maxMessageBytes: options.maxMessageBytes ?? 256 * 1024 * 1024,
    maxPendingMessages: options.maxPendingMessages ?? 16,
    maxPendingBytes: options.maxPendingBytes ?? 512 * 1024 * 1024,
    chunkTimeoutMs: options.chunkTimeoutMs ?? 30_000,
    timers: options.timers ?? defaultTimers,
  };
}

/** A positive integer option, or a RangeError naming it. */
export function positiveInteger(
  options: SerializerOptions,
  key: keyof SerializerOptions,
  fallback: number,
): number {
  const value = options[key] ?? fallback;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(
      `serializer option ${key} must be a positive integer, got ${String(value)}`,
    );
  }
  return value;
}
