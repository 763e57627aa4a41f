import type { Encoded, Part } from './ByteWriter';
import { SerializationError } from './errors';

/** Encoded parts with every Blob read into bytes. */
export interface ResolvedParts {
  readonly parts: readonly Uint8Array[];
  readonly byteLength: number;
}

/** Reads the Blobs of an encoded message (all at once), keeping the parts' order. */
export async function resolveBlobs(encoded: Encoded): Promise<ResolvedParts> {
  const parts = await Promise.all(
    encoded.parts.map(async (part: Part): Promise<Uint8Array> => {
      if (part instanceof Uint8Array) return part;
      let buffer: ArrayBuffer;
      try {
        buffer = await part.arrayBuffer();
      } catch (error) {
        throw SerializationError.wrap(error, 'blob-read-failed', 'Could not read a Blob to send');
      }
      if (buffer.byteLength !== part.size) {
        throw new SerializationError('blob-read-failed', 'A Blob changed size while being read');
      }
      return new Uint8Array(buffer);
    }),
  );
  return { parts, byteLength: encoded.byteLength };
}

/** Copies bytes out of a list of parts, front to back. */
export class PartCursor {
  #index = 0;
  #offset = 0;

  constructor(private readonly parts: readonly Uint8Array[]) {}

  /** Copies the next `length` bytes into `target` at `at`. */
  copyTo(target: Uint8Array, at: number, length: number): void {
    let remaining = length;
    let to = at;
    while (remaining > 0) {
      const part = this.parts[this.#index];
      if (part === undefined) throw new RangeError('PartCursor: read past the end');
      const available = part.byteLength - this.#offset;
      const n = Math.min(available, remaining);
      if (this.#offset === 0 && n === part.byteLength) target.set(part, to);
      else target.set(part.subarray(this.#offset, this.#offset + n), to);
      to += n;
      remaining -= n;
      this.#offset += n;
      if (this.#offset === part.byteLength) {
        this.#index++;
        this.#offset = 0;
      }
    }
  }
}

/** The whole message as one frame (a fresh buffer the caller owns). */
export function concatFrame(resolved: ResolvedParts): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(resolved.byteLength);
  new PartCursor(resolved.parts).copyTo(out, 0, resolved.byteLength);
  return out;
}
