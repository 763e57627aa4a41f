/**
 * One mDNS socket (a bonjour-service instance) shared by advertisers and browsers, with its socket
 * errors turned into typed `DiscoveryError` events instead of uncaught exceptions.
 */
import { Bonjour } from 'bonjour-service';
import { EventEmitter } from 'node:events';
import { DiscoveryError } from './errors';
import type { MdnsTransportEvents } from './events';
import type { DiscoveryOptions } from './types';

/** The part of bonjour-service that discovery uses. */
export type BonjourLike = Pick<Bonjour, 'publish' | 'find' | 'destroy'>;

/** Options for multicast-dns (bonjour-service passes its constructor options straight through). */
export function multicastOptions(options: DiscoveryOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (options.interface !== undefined) {
    out.interface = options.interface;
    // Linux and macOS deliver multicast only to sockets bound to the wildcard (or group) address.
    out.bind = options.bind ?? (process.platform === 'win32' ? options.interface : '0.0.0.0');
  } else if (options.bind !== undefined) {
    out.bind = options.bind;
  }
  if (options.ttl !== undefined) out.ttl = options.ttl;
  if (options.loopback !== undefined) out.loopback = options.loopback;
  return out;
}

const DESTROY_TIMEOUT_MS = 2000;

export class MdnsTransport extends EventEmitter<MdnsTransportEvents> {
  readonly bonjour: BonjourLike;
  private readonly reported = new Set<string>();
  private destroyPromise: Promise<void> | undefined;

  /**
   * @param options socket options (ignored when `bonjour` is given)
   * @param bonjour an existing instance to use instead of creating one (its errors are hooked too)
   */
  constructor(options: DiscoveryOptions = {}, bonjour?: Bonjour) {
    super();
    this.bonjour =
      bonjour ??
      new Bonjour(
        // bonjour-service types its options as ServiceConfig but hands them to multicast-dns.
        multicastOptions(options),
        (err: unknown) => {
          this.report(DiscoveryError.fromSocket(err, false));
        },
      );
    this.hookSocket();
  }

  /** True once the socket failed for good (bind error); discovery cannot work on it. */
  get failed(): boolean {
    return [...this.reported].some((key) => key.startsWith('socket-unavailable'));
  }

  /** Closes the socket. Idempotent; resolves even if the socket never opened. */
  destroy(): Promise<void> {
    this.destroyPromise ??= new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, DESTROY_TIMEOUT_MS);
      timer.unref();
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      try {
        this.bonjour.destroy(done);
      } catch {
        done(); // a socket whose bind failed cannot be closed again
      }
    });
    return this.destroyPromise;
  }

  /** Emits `error` once per distinct problem, and only if someone listens (never throws). */
  report(error: DiscoveryError): void {
    const cause = error.cause as NodeJS.ErrnoException | undefined;
    const key = `${error.type}:${cause?.code ?? error.message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }

  /** multicast-dns emits 'error' (bind failed) and 'warning' (membership, send) on its emitter. */
  private hookSocket(): void {
    const mdns = (this.bonjour as unknown as { server?: { mdns?: unknown } }).server?.mdns;
    if (!(mdns instanceof EventEmitter)) return;
    mdns.on('error', (err: unknown) => {
      this.report(DiscoveryError.fromSocket(err, true));
    });
    mdns.on('warning', (err: unknown) => {
      this.report(DiscoveryError.fromSocket(err, false));
    });
  }
}
