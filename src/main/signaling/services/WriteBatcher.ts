import { Duplex } from 'node:stream';

/**
 * Batches relayed frames into fewer syscalls: the first write to a socket in an event-loop
 * turn corks its TCP stream, and one setImmediate per turn uncorks every corked stream, so all
 * frames relayed to a peer in that turn leave in one writev. Latency cost: none beyond the
 * current turn (setImmediate runs right after the I/O callbacks of the turn).
 *
 * `ws` keeps its TCP stream in the undocumented `_socket` field; if that ever changes, `cork`
 * finds no stream and does nothing (frames are then written one by one, still correctly).
 * `ws` corks and uncorks around each frame itself; corking nests, so ours holds across them.
 * Closing a corked stream flushes it (Writable#end uncorks).
 */
export class WriteBatcher {
  private corked: Duplex[] = [];
  private scheduled = false;

  /** Corks the stream under `socket` until the end of this event-loop turn. */
  cork(socket: object): void {
    const stream: unknown = Reflect.get(socket, '_socket');
    if (!(stream instanceof Duplex) || stream.writableCorked > 0 || !stream.writable) return;
    stream.cork();
    this.corked.push(stream);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flush);
    }
  }

  /** Uncorks everything corked so far (also called at the end of each turn). */
  readonly flush = (): void => {
    this.scheduled = false;
    const streams = this.corked;
    this.corked = [];
    for (const stream of streams) {
      while (stream.writableCorked > 0) stream.uncork();
    }
  };
}
