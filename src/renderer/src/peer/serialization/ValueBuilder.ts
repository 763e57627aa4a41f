import { SerializationError } from './errors';
import { setProperty } from './kinds';

interface ArrayFrame {
  readonly array: unknown[];
  readonly size: number;
  readonly map?: undefined;
}
interface MapFrame {
  readonly map: Record<string, unknown>;
  remaining: number;
  key: string | undefined;
}
type ContainerFrame = ArrayFrame | MapFrame;

/**
 * Assembles decoded items into arrays and maps with an explicit stack (no recursion, so deep
 * nesting cannot overflow the call stack, and a streaming decoder can stop and resume).
 */
export class ValueBuilder {
  readonly #stack: ContainerFrame[] = [];
  /** The last completed top-level value. */
  result: unknown;

  get depth(): number {
    return this.#stack.length;
  }

  clear(): void {
    this.#stack.length = 0;
    this.result = undefined;
  }

  /** Adds an item; true when it completed a top-level value (now in `result`). */
  add(item: unknown): boolean {
    let value = item;
    for (;;) {
      const top = this.#stack[this.#stack.length - 1];
      if (top === undefined) {
        this.result = value;
        return true;
      }
      if (top.map === undefined) {
        top.array.push(value);
        if (top.array.length < top.size) return false;
        this.#stack.pop();
        value = top.array;
        continue;
      }
      if (top.key === undefined) {
        top.key = mapKey(value);
        return false;
      }
      setProperty(top.map, top.key, value);
      top.key = undefined;
      if (--top.remaining > 0) return false;
      this.#stack.pop();
      value = top.map;
    }
  }

  /** Starts an array of `size` items; true when that completed a top-level value (size 0). */
  openArray(size: number): boolean {
    if (size === 0) return this.add([]);
    this.#stack.push({ array: [], size });
    return false;
  }

  /** Starts a map of `size` entries; true when that completed a top-level value (size 0). */
  openMap(size: number): boolean {
    if (size === 0) return this.add({});
    this.#stack.push({ map: {}, remaining: size, key: undefined });
    return false;
  }
}

/** Map keys as JavaScript property names: strings, and primitives converted as PeerJS does. */
function mapKey(key: unknown): string {
  switch (typeof key) {
    case 'string':
      return key;
    case 'number':
    case 'boolean':
    case 'undefined':
      return String(key);
    default:
      if (key === null) return 'null';
      throw new SerializationError('malformed-data', 'A map key is not a string or a number');
  }
}
