import { Duplex } from 'node:stream';
import type { ClientSocket } from '../models/Client';

/**
 * Flow control for relaying: when a destination has more than `highWater` bytes waiting to be
 * sent (it reads slower than others write to it), the sender's socket is paused (ws stops
 * reading it, so TCP pushes back on the sender) until the destination's stream drains or
 * closes. Nothing is kept for uncongested destinations; one 'drain' listener per congested one.
 *
 * The destination's TCP stream is `ws`'s undocumented `_socket`; without it, nothing is paused
 * (the slow-consumer limit of the relay still bounds memory).
 */
export class Backpressure {
  private readonly waiting = new WeakMap<Duplex, Set<ClientSocket>>();

  constructor(readonly highWater: number) {}

  /** Call after writing to `target` on behalf of `sender`. */
  check(sender: ClientSocket, target: ClientSocket): void {
    if (target.bufferedAmount <= this.highWater || sender === target) return;
    const stream: unknown = Reflect.get(target, '_socket');
    if (!(stream instanceof Duplex)) return;
    let senders = this.waiting.get(stream);
    if (senders === undefined) {
      const paused = new Set<ClientSocket>();
      senders = paused;
      this.waiting.set(stream, paused);
      const release = (): void => {
        stream.off('drain', release);
        stream.off('close', release);
        this.waiting.delete(stream);
        for (const socket of paused) socket.resume();
      };
      stream.on('drain', release);
      stream.on('close', release);
    }
    if (!senders.has(sender)) {
      senders.add(sender);
      sender.pause();
    }
  }
}
