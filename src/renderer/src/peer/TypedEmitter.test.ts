import { describe, expect, it, vi } from 'vitest';
import { TypedEmitter } from './TypedEmitter';

interface Events {
  ping: (n: number, tag: string) => void;
  done: () => void;
}

describe('TypedEmitter', () => {
  it('calls listeners in order with the arguments, once-listeners only once', () => {
    const emitter = new TypedEmitter<Events>();
    const calls: string[] = [];
    emitter.on('ping', (n, tag) => calls.push(`a${n}${tag}`));
    emitter.once('ping', (n) => calls.push(`b${n}`));
    expect(emitter.emit('ping', 1, 'x')).toBe(true);
    expect(emitter.emit('ping', 2, 'y')).toBe(true);
    expect(calls).toEqual(['a1x', 'b1', 'a2y']);
    expect(emitter.listenerCount('ping')).toBe(1);
    expect(emitter.emit('done')).toBe(false);
  });

  it('off() removes one listener, removeAllListeners() all of them', () => {
    const emitter = new TypedEmitter<Events>();
    const a = vi.fn();
    const b = vi.fn();
    emitter.on('done', a).on('done', b).off('done', a);
    emitter.emit('done');
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledTimes(1);
    emitter.on('ping', vi.fn());
    emitter.removeAllListeners();
    expect(emitter.listenerCount('done') + emitter.listenerCount('ping')).toBe(0);
  });

  it('a throwing listener does not stop the others and is reported', () => {
    const emitter = new TypedEmitter<Events>();
    const reported: unknown[] = [];
    const original = globalThis.reportError;
    globalThis.reportError = (error: unknown) => reported.push(error);
    try {
      const after = vi.fn();
      emitter.on('done', () => {
        throw new Error('boom');
      });
      emitter.on('done', after);
      emitter.emit('done');
      expect(after).toHaveBeenCalledTimes(1);
      expect(reported).toHaveLength(1);
    } finally {
      globalThis.reportError = original;
    }
  });

  it('rejects a non-function listener', () => {
    const emitter = new TypedEmitter<Events>();
    expect(() => emitter.on('done', 42 as unknown as () => void)).toThrow(TypeError);
  });
});
