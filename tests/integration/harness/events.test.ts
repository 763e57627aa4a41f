import { EventEmitter } from 'node:events';
import { EventEmitter as EventEmitter3 } from 'eventemitter3';
import { afterEach, describe, expect, it } from 'vitest';
import { subscribeToEvents, type ArgsOf, type EventRecorder } from '../../support/events';

interface RoomEvents {
  join: [id: string, seat: number];
  leave: [id: string];
}

describe('subscribeToEvents', () => {
  const recorders: Pick<EventRecorder<RoomEvents, 'join'>, 'dispose'>[] = [];
  afterEach(() => {
    for (const recorder of recorders.splice(0)) recorder.dispose();
  });

  it('resolves with an event emitted before the wait (no race between action and wait)', async () => {
    const room = new EventEmitter<RoomEvents>();
    const events = subscribeToEvents<RoomEvents>(room, ['join', 'leave']);
    room.emit('join', 'alice', 1);
    const [id, seat] = await events.waitFor('join');
    expect([id, seat]).toEqual(['alice', 1]);
    events.dispose();
  });

  it('waits for the event matching a predicate and consumes it', async () => {
    const room = new EventEmitter<RoomEvents>();
    const events = subscribeToEvents<RoomEvents>(room, ['join']);
    const bob = events.waitFor('join', (id) => id === 'bob');
    room.emit('join', 'alice', 1);
    room.emit('join', 'bob', 2);
    expect(await bob).toEqual(['bob', 2]);
    // alice's event is still unconsumed, bob's is not there twice
    expect(await events.waitFor('join')).toEqual(['alice', 1]);
    await expect(events.waitFor('join', undefined, { timeoutMs: 50 })).rejects.toThrow(/timed out/);
    events.dispose();
  });

  it('times out with what it saw', async () => {
    const room = new EventEmitter<RoomEvents>();
    const events = subscribeToEvents<RoomEvents>(room, ['join', 'leave']);
    room.emit('leave', 'carol');
    const wait = events.waitFor('join', (id) => id === 'dave', {
      timeoutMs: 100,
      description: 'dave joining',
    });
    await expect(wait).rejects.toThrow(/waiting for dave joining; seen:\n.*leave\("carol"\)/);
    events.dispose();
  });

  it('fails a wait whose predicate throws, without breaking the emitter', async () => {
    const room = new EventEmitter<RoomEvents>();
    const events = subscribeToEvents<RoomEvents>(room, ['leave']);
    const wait = events.waitFor('leave', () => {
      throw new Error('bad predicate');
    });
    expect(() => room.emit('leave', 'x')).not.toThrow();
    await expect(wait).rejects.toThrow('bad predicate');
    events.dispose();
  });

  it('works with listener-style emitters (eventemitter3) and removes its listeners on dispose', async () => {
    interface Listeners {
      data: (value: unknown) => void;
    }
    const emitter = new EventEmitter3<Listeners>();
    const events = subscribeToEvents<ArgsOf<Listeners>>(emitter, ['data']);
    const pending = events.waitFor('data', undefined, { timeoutMs: 5_000 });
    expect(emitter.listenerCount('data')).toBe(1);
    events.dispose();
    expect(emitter.listenerCount('data')).toBe(0);
    await expect(pending).rejects.toThrow(/disposed/);
  });

  it('rejects a wait for an event it does not record', async () => {
    const room = new EventEmitter<RoomEvents>();
    const events = subscribeToEvents<RoomEvents>(room, ['join']);
    recorders.push(events);
    await expect(events.waitFor('leave' as 'join')).rejects.toThrow(/not subscribed/);
  });
});
