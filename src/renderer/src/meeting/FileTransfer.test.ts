import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DataConnection, Peer } from '../peer';
import { Emitter } from './Emitter';
import { FILE_LABEL_PREFIX, FileTransfer } from './FileTransfer';
import type { FileTransferInfo } from './fileTypes';
import type { ControlMessage } from './protocol';

/** One end of an in-memory file connection; data sent on one end arrives at the other. */
class FakeConn extends Emitter<{
  open: () => void;
  data: (data: unknown) => void;
  close: () => void;
  error: (error: Error) => void;
}> {
  other: FakeConn | undefined;
  closed = false;
  constructor(
    readonly peer: string,
    readonly label: string,
  ) {
    super();
  }
  send(data: unknown): Promise<void> {
    const other = this.other;
    queueMicrotask(() => other?.emit('data', data));
    return Promise.resolve();
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.other?.close();
    this.emit('close');
  }
}

/** Two participants, 'a' and 'b', with control messages and file connections between them. */
function pair(options: { memoryLimit?: number; offerTtlMs?: number } = {}, deaf = '') {
  const control: { from: string; message: ControlMessage }[] = [];
  const sides: Record<string, FileTransfer> = {};
  const make = (self: string): FileTransfer => {
    const peer = {
      connect: (to: string, o: { label: string }) => {
        const mine = new FakeConn(to, o.label);
        const theirs = new FakeConn(self, o.label);
        mine.other = theirs;
        theirs.other = mine;
        sides[to]?.accept(theirs as unknown as DataConnection);
        queueMicrotask(() => {
          mine.emit('open');
          theirs.emit('open');
        });
        return mine as unknown as DataConnection;
      },
    } as unknown as Peer;
    return new FileTransfer({
      peer,
      ...options,
      send: (to, message) => {
        control.push({ from: self, message });
        if (to !== deaf) queueMicrotask(() => sides[to]?.handle(self, message));
        return true;
      },
    });
  };
  sides.a = make('a');
  sides.b = make('b');
  const events = (ft: FileTransfer) => {
    const log: { event: string; t: FileTransferInfo }[] = [];
    for (const event of ['offered', 'started', 'progress', 'ended'] as const)
      ft.on(event, (t) => log.push({ event, t }));
    const received: Blob[] = [];
    ft.on('received', (_t, blob) => received.push(blob));
    return { log, received };
  };
  const a = sides.a;
  const b = sides.b;
  return { a, b, control, aEvents: events(a), bEvents: events(b) };
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 50; i += 1) await Promise.resolve();
  await new Promise((r) => setTimeout(r, 0));
  for (let i = 0; i < 50; i += 1) await Promise.resolve();
};

describe('FileTransfer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('transfers nothing before the receiver accepts, then delivers the file', async () => {
    const { a, b, control, aEvents, bEvents } = pair();
    const bytes = new Uint8Array(200_000).map((_, i) => i % 251);
    const sent = a.send('b', 'f1', new Blob([bytes]), 'photo.png');
    expect(sent).toMatchObject({ state: 'offered', direction: 'out', size: 200_000 });
    await flush();
    const offer = bEvents.log.find((e) => e.event === 'offered')?.t;
    expect(offer).toMatchObject({ id: 'a/f1', state: 'offered', name: 'photo.png', peerId: 'a' });
    // Only the offer went out: no file connection, no chunks.
    expect(control.map((c) => c.message.type)).toEqual(['file-offer']);
    expect(bEvents.log.filter((e) => e.event === 'progress')).toEqual([]);

    expect(b.acceptOffer('a/f1')).toBe(true);
    for (let i = 0; i < 20 && bEvents.received.length === 0; i += 1) await flush();
    expect(bEvents.received).toHaveLength(1);
    expect(new Uint8Array(await bEvents.received[0]!.arrayBuffer())).toEqual(bytes);
    for (let i = 0; i < 20 && !aEvents.log.some((e) => e.event === 'ended'); i += 1) await flush();
    expect(aEvents.log.at(-1)?.t).toMatchObject({ state: 'done', bytes: 200_000 });
    expect(b.list()[0]).toMatchObject({ state: 'done' });
  });

  it('declining tells the sender, whose transfer ends as declined', async () => {
    const { a, b, control, aEvents } = pair();
    a.send('b', 'f1', new Blob(['hello']), 'note.txt');
    await flush();
    b.declineOffer('a/f1');
    await flush();
    expect(control.map((c) => c.message.type)).toEqual(['file-offer', 'file-decline']);
    expect(aEvents.log.at(-1)).toMatchObject({
      event: 'ended',
      t: { state: 'declined', reason: 'declined' },
    });
    expect(b.list()[0]).toMatchObject({ state: 'declined' });
    // A late accept changes nothing.
    expect(b.acceptOffer('a/f1')).toBe(false);
  });

  it('refuses files larger than the memory limit, saying so, on both sides', async () => {
    const { a, b, aEvents, bEvents } = pair({ memoryLimit: 1024 });
    expect(a.send('b', 'big', new Blob([new Uint8Array(2048)]), 'big.bin')).toBeUndefined();
    // A peer that offers anyway (another build) is declined with the reason.
    b.handle('a', {
      type: 'file-offer',
      fileId: 'big',
      name: 'big.bin',
      size: 2048,
      mime: '',
      chunkSize: 65536,
    });
    await flush();
    expect(bEvents.log.map((e) => e.event)).toEqual(['offered', 'ended']);
    expect(bEvents.log[1]?.t).toMatchObject({ state: 'declined', reason: /too large.*0 MiB/ });
    expect(aEvents.log).toEqual([]); // a never offered it: the decline is ignored
    expect(b.acceptOffer('a/big')).toBe(false);
  });

  it('does not accept more than the memory limit at once', async () => {
    const { a, b } = pair({ memoryLimit: 1500 });
    a.send('b', 'f1', new Blob([new Uint8Array(1000)]), 'one');
    a.send('b', 'f2', new Blob([new Uint8Array(1000)]), 'two');
    await flush();
    expect(b.acceptOffer('a/f1')).toBe(true);
    expect(b.acceptOffer('a/f2')).toBe(false);
    expect(b.list().find((t) => t.id === 'a/f2')).toMatchObject({
      state: 'declined',
      reason: /not enough room/,
    });
  });

  it('offers expire: the receiver withdraws it and tells the sender', async () => {
    vi.useFakeTimers();
    const { a, b, aEvents, bEvents } = pair({ offerTtlMs: 60_000 });
    a.send('b', 'f1', new Blob(['x']), 'x.txt');
    await vi.advanceTimersByTimeAsync(10);
    expect(b.list()[0]).toMatchObject({ state: 'offered' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(bEvents.log.at(-1)?.t).toMatchObject({ state: 'expired' });
    expect(aEvents.log.at(-1)?.t).toMatchObject({ state: 'declined', reason: 'offer expired' });
    expect(b.acceptOffer('a/f1')).toBe(false);
  });

  it('the sender gives up on an offer nobody answers', async () => {
    vi.useFakeTimers();
    const { a, aEvents } = pair({ offerTtlMs: 1000 }, 'b'); // b's channel is open, b never answers
    a.send('b', 'f1', new Blob(['x']), 'x.txt');
    await vi.advanceTimersByTimeAsync(12_000);
    expect(aEvents.log.at(-1)?.t).toMatchObject({ state: 'expired', reason: 'no answer' });
  });

  it('refuses file connections for offers not accepted', () => {
    const { b } = pair();
    b.handle('a', { type: 'file-offer', fileId: 'f1', name: 'n', size: 1, mime: '', chunkSize: 1 });
    const conn = new FakeConn('a', `${FILE_LABEL_PREFIX}f1`);
    expect(b.accept(conn as unknown as DataConnection)).toBe(true);
    expect(conn.closed).toBe(true);
  });
});
