/**
 * Finds Parley meetings on the LAN. Emits `up` for each new meeting, `update` when one changes,
 * `down` when one says goodbye or stops answering. bonjour-service's Browser never notices a host
 * that vanished without a goodbye (it does not refresh `lastSeen`), so this class re-queries every
 * `refreshIntervalMs` with a fresh Browser and drops meetings not heard of for `staleAfterMs`.
 */
import type { Browser, Service } from 'bonjour-service';
import { isDeepStrictEqual } from 'node:util';
import { EventEmitter } from 'node:events';
import { DiscoveryError } from './errors';
import type { MeetingBrowserEvents } from './events';
import { MdnsTransport } from './MdnsTransport';
import { meetingFromService } from './meetingFromService';
import { SERVICE_TYPE, type DiscoveredMeeting, type DiscoveryOptions } from './types';

export interface MeetingBrowserOptions {
  /** How often to ask the link again, in ms. Default 10 000. */
  readonly refreshIntervalMs?: number;
  /** A meeting not heard of for this long is `down`, in ms. Default 3 × refresh + 1 s. */
  readonly staleAfterMs?: number;
  /** Clock (for tests). Default `Date.now`. */
  readonly now?: () => number;
}

interface Known {
  meeting: DiscoveredMeeting;
  lastSeen: number;
}

export class MeetingBrowser extends EventEmitter<MeetingBrowserEvents> {
  private readonly transport: MdnsTransport;
  private readonly ownsTransport: boolean;
  private readonly refreshIntervalMs: number;
  private readonly staleAfterMs: number;
  private readonly now: () => number;
  private readonly known = new Map<string, Known>();
  /** Adverts reported as `invalid`, with the reason (bounded: cleared on refresh when large). */
  private readonly invalid = new Map<string, string>();
  /** The current Browser and the one before it (which still sees goodbyes of what it knew). */
  private browsers: Browser[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  /** @param transport a shared mDNS transport, or options to create (and own) one */
  constructor(
    transport: MdnsTransport | DiscoveryOptions = {},
    options: MeetingBrowserOptions = {},
  ) {
    super();
    this.ownsTransport = !(transport instanceof MdnsTransport);
    this.transport = transport instanceof MdnsTransport ? transport : new MdnsTransport(transport);
    this.refreshIntervalMs = options.refreshIntervalMs ?? 10_000;
    this.staleAfterMs = options.staleAfterMs ?? 3 * this.refreshIntervalMs + 1000;
    this.now = options.now ?? Date.now;
  }

  /** The meetings currently known. */
  meetings(): DiscoveredMeeting[] {
    return [...this.known.values()].map((k) => k.meeting);
  }

  /** Starts browsing (idempotent). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.transport.on('error', this.onTransportError);
    this.refresh();
    this.timer = setInterval(() => {
      this.refresh();
    }, this.refreshIntervalMs);
    this.timer.unref();
  }

  /** Stops browsing and forgets every meeting (no `down` events). Idempotent. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    clearInterval(this.timer);
    for (const browser of this.browsers) browser.stop();
    this.browsers = [];
    this.known.clear();
    this.invalid.clear();
    this.transport.off('error', this.onTransportError);
    if (this.ownsTransport) await this.transport.destroy();
  }

  /** Queries the link again now, and drops meetings that stopped answering. */
  refresh(): void {
    if (!this.running) return;
    this.guard(() => {
      const browser = this.transport.bonjour.find({ type: SERVICE_TYPE, protocol: 'tcp' });
      browser.on('up', (s) => {
        this.guard(() => {
          this.seen(s);
        });
      });
      browser.on('txt-update', (s) => {
        this.guard(() => {
          this.seen(s);
        });
      });
      browser.on('srv-update', (s) => {
        this.guard(() => {
          this.seen(s);
        });
      });
      browser.on('down', (s) => {
        this.guard(() => {
          this.gone(s);
        });
      });
      if (this.invalid.size > 1000) this.invalid.clear(); // junk adverts must not grow memory
      this.browsers.push(browser);
      while (this.browsers.length > 2) this.browsers.shift()?.stop();
      this.sweep();
    });
  }

  private seen(service: Service): void {
    const parsed = meetingFromService(service);
    if (!parsed.ok) {
      // Once per advert and reason, not on every refresh.
      if (this.invalid.get(parsed.id) === parsed.reason) return;
      this.invalid.set(parsed.id, parsed.reason);
      this.emit('invalid', { id: parsed.id, reason: parsed.reason });
      return;
    }
    const { meeting } = parsed;
    this.invalid.delete(meeting.id);
    const known = this.known.get(meeting.id);
    this.known.set(meeting.id, { meeting, lastSeen: this.now() });
    if (!known) this.emit('up', meeting);
    else if (!isDeepStrictEqual(known.meeting, meeting)) this.emit('update', meeting);
  }

  private gone(service: Service): void {
    const id: unknown = service.fqdn;
    if (typeof id !== 'string') return;
    const known = this.known.get(id);
    if (!known) return;
    this.known.delete(id);
    this.emit('down', known.meeting);
  }

  private sweep(): void {
    const limit = this.now() - this.staleAfterMs;
    for (const [id, known] of this.known) {
      if (known.lastSeen >= limit) continue;
      this.known.delete(id);
      this.emit('down', known.meeting);
    }
  }

  /** Runs a handler of network input; a throw becomes an `error` event, never a crash. */
  private guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.emitError(
        new DiscoveryError('internal', `Browsing failed: ${String(err)}`, { cause: err }),
      );
    }
  }

  private readonly onTransportError = (error: DiscoveryError): void => {
    this.emitError(error);
  };

  private emitError(error: DiscoveryError): void {
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }
}
