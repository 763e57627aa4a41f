/**
 * Advertises one meeting on the LAN as `<name>._parley._tcp.local` with a Parley TXT record.
 * Before publishing it listens briefly for an advert with the same instance name and picks
 * "Name (2)", "Name (3)", … if taken (RFC 6762 §9), so two hosts never answer for one name.
 * Stopping sends goodbye packets (TTL 0) so browsers drop the meeting at once.
 */
import type { Service } from 'bonjour-service';
import { EventEmitter } from 'node:events';
import { DiscoveryError } from './errors';
import type { MeetingAdvertiserEvents } from './events';
import { MdnsTransport } from './MdnsTransport';
import { MAX_LABEL_BYTES, encodeMeetingTxt, instanceLabel, truncateUtf8 } from './txt';
import { SERVICE_TYPE, type DiscoveryOptions, type MeetingAdvert } from './types';

export interface MeetingAdvertiserOptions {
  /** How long to listen for a same-named advert before publishing, in ms. Default 1000; 0 skips. */
  readonly conflictCheckMs?: number;
  /** How long `stop()` waits for the goodbye packet to be sent, in ms. Default 1000. */
  readonly stopTimeoutMs?: number;
}

const PUBLISH_TIMEOUT_MS = 5000;

type State = 'idle' | 'starting' | 'published' | 'stopped';

/** The first of "base", "base (2)", "base (3)", … that is not in `taken`. */
export function freeInstanceName(base: string, taken: ReadonlySet<string>): string {
  const lower = new Set([...taken].map((name) => name.toLowerCase())); // DNS names ignore case
  if (!lower.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const name = truncateUtf8(base, MAX_LABEL_BYTES - suffix.length).trimEnd() + suffix;
    if (!lower.has(name.toLowerCase())) return name;
  }
}

export class MeetingAdvertiser extends EventEmitter<MeetingAdvertiserEvents> {
  private readonly transport: MdnsTransport;
  private readonly ownsTransport: boolean;
  private readonly conflictCheckMs: number;
  private readonly stopTimeoutMs: number;
  private state: State = 'idle';
  private service: Service | undefined;
  private startPromise: Promise<void> | undefined;

  /**
   * @param transport a shared mDNS transport, or options to create (and own) one
   * @param advert what to advertise
   */
  constructor(
    transport: MdnsTransport | DiscoveryOptions,
    private readonly advert: MeetingAdvert,
    options: MeetingAdvertiserOptions = {},
  ) {
    super();
    this.ownsTransport = !(transport instanceof MdnsTransport);
    this.transport = transport instanceof MdnsTransport ? transport : new MdnsTransport(transport);
    this.conflictCheckMs = options.conflictCheckMs ?? 1000;
    this.stopTimeoutMs = options.stopTimeoutMs ?? 1000;
    this.transport.on('error', this.onTransportError);
  }

  /** The instance name in use once published (may carry a " (n)" suffix). */
  get instanceName(): string | undefined {
    return this.state === 'published' ? this.service?.name : undefined;
  }

  /** Publishes the advert. Never rejects: failures are emitted as `error`. */
  start(): Promise<void> {
    this.startPromise ??= this.publish();
    return this.startPromise;
  }

  /** Sends goodbye packets and releases the socket if this advertiser created it. Idempotent. */
  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    const service = this.service;
    this.service = undefined;
    if (service?.activated === true) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.stopTimeoutMs);
        timer.unref();
        try {
          // bonjour-service types it as CallableFunction: stop(callback?) sends the goodbye.
          const stop = service.stop as (callback: () => void) => void;
          stop(() => {
            clearTimeout(timer);
            resolve();
          });
        } catch {
          clearTimeout(timer);
          resolve();
        }
      });
    }
    this.transport.off('error', this.onTransportError);
    if (this.ownsTransport) await this.transport.destroy();
  }

  private async publish(): Promise<void> {
    if (this.state !== 'idle') return;
    this.state = 'starting';
    try {
      const base = instanceLabel(this.advert.name);
      const taken = this.conflictCheckMs > 0 ? await this.namesInUse() : new Set<string>();
      if (!this.isStarting()) return; // stopped meanwhile
      const service = this.transport.bonjour.publish({
        name: freeInstanceName(base, taken),
        type: SERVICE_TYPE,
        protocol: 'tcp',
        port: this.advert.port,
        txt: encodeMeetingTxt(this.advert),
        probe: false, // we did our own conflict check; bonjour's probe only console.logs
        ...(this.advert.host !== undefined ? { host: this.advert.host } : {}),
      });
      this.service = service;
      // 'up' follows the first announcement (sent or not: send errors surface on the transport).
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, PUBLISH_TIMEOUT_MS);
        timer.unref();
        service.once('up', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      // A socket that failed to bind still "sends" (the error goes to the transport's listeners).
      if (!this.isStarting() || !service.published || this.transport.failed) return;
      this.state = 'published';
      this.emit('published', service.name);
    } catch (err) {
      this.emitError(
        new DiscoveryError('publish-failed', `Could not advertise the meeting: ${String(err)}`, {
          cause: err,
        }),
      );
    }
  }

  /** Instance names of the Parley adverts currently answering on the link. */
  private namesInUse(): Promise<Set<string>> {
    return new Promise((resolve) => {
      const names = new Set<string>();
      const browser = this.transport.bonjour.find({ type: SERVICE_TYPE, protocol: 'tcp' });
      browser.on('up', (service) => {
        if (typeof service.name === 'string') names.add(service.name);
      });
      setTimeout(() => {
        browser.stop();
        resolve(names);
      }, this.conflictCheckMs).unref();
    });
  }

  /** A method, so TypeScript does not keep `state` narrowed across awaits. */
  private isStarting(): boolean {
    return this.state === 'starting';
  }

  private readonly onTransportError = (error: DiscoveryError): void => {
    this.emitError(error);
  };

  private emitError(error: DiscoveryError): void {
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }
}
