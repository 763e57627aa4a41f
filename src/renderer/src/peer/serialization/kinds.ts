/** Runtime type tests shared by the encoders, robust to values from another realm or polyfill. */

const toStringTag = (value: object): string => Object.prototype.toString.call(value);

/** True for a Blob or File (also one from another realm or another Blob implementation). */
export function isBlob(value: object): value is Blob {
  if (typeof Blob !== 'undefined' && value instanceof Blob) return true;
  const tag = toStringTag(value);
  return (
    (tag === '[object Blob]' || tag === '[object File]') &&
    typeof (value as Partial<Blob>).arrayBuffer === 'function' &&
    typeof (value as Partial<Blob>).size === 'number'
  );
}

export function isArrayBuffer(value: object): value is ArrayBuffer {
  return value instanceof ArrayBuffer || toStringTag(value) === '[object ArrayBuffer]';
}

/** The bytes of an ArrayBuffer or any ArrayBufferView (typed array, DataView), without copying. */
export function bytesOf(value: ArrayBuffer | ArrayBufferView): Uint8Array {
  return value instanceof ArrayBuffer || !ArrayBuffer.isView(value)
    ? new Uint8Array(value)
    : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

/**
 * True for what BinaryPack packs as a map: plain objects, null-prototype objects and instances of
 * `class` declarations (PeerJS tests `constructor.toString().startsWith("class")`).
 */
export function isPackableObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null || proto === Object.prototype) return true;
  const ctor: unknown = (proto as { constructor?: unknown }).constructor;
  if (ctor === Object) return true;
  return typeof ctor === 'function' && Function.prototype.toString.call(ctor).startsWith('class');
}

/** Sets an own enumerable property, also for the key `__proto__` (no prototype change). */
export function setProperty(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}
