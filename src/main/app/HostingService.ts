/**
 * The hosting side of the desktop app: the built-in signaling server (port from settings, the next
 * free one if taken), its mDNS advert, and the browser of other meetings on the LAN. Follows the
 * hosting settings; reports a ServerStatus the UI shows. Pure Node (collaborators injected).
 */
import { EventEmitter } from 'node:events';
import type { NetworkInterfaceInfo } from 'node:os';
import type { LanMeeting, ServerStatus } from '../../shared/ipc-contract';
import type { Settings } from '../../shared/settings';
import type { Logger } from '../logging';
import { lanAddresses, listenWithFallback } from './network';

/** A running signaling server (what startSignalingServer returns, narrowed). */
export interface SignalingHandle {
  readonly port: number;
  /** The server's path ('/' or '/a/b/') and key, reported in the status; default '/' and 'peerjs'. */
  readonly path?: string;
  readonly key?: string;
  close(): Promise<void>;
}

/** A meeting advert on the LAN (MeetingAdvertiser, narrowed). */
export interface AdvertiserHandle {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The LAN browser (MeetingBrowser, narrowed). */
export interface BrowserHandle {
  start(): void;
  stop(): Promise<void>;
  meetings(): readonly LanMeeting[];
  on(event: 'up' | 'down' | 'update', listener: (meeting: LanMeeting) => void): unknown;
}

export interface HostingServiceOptions {
  /** Starts the server on a port; rejects with an EADDRINUSE cause when it is taken. */
  startServer: (port: number) => Promise<SignalingHandle>;
  /** Advertises the meeting of a running server; omitted = no advert. */
  createAdvertiser?: (name: string, server: SignalingHandle) => AdvertiserHandle;
  /** Browses the LAN; omitted = no discovery. */
  browser?: BrowserHandle;
  networkInterfaces: () => NodeJS.Dict<NetworkInterfaceInfo[]>;
  /** Name used when neither the meeting nor the user has one. */
  hostName: string;
  logger: Logger;
  /** Ports tried from the configured one. Default 20. */
  portAttempts?: number;
}

export interface HostingServiceEvents {
  /** The server started, stopped, failed or changed port. */
  status: [status: ServerStatus];
  /** The list of meetings on the LAN changed. */
  meetings: [meetings: readonly LanMeeting[]];
}

const STOPPED: ServerStatus = {
  state: 'stopped',
  port: null,
  localUrl: null,
  lanUrls: [],
  addresses: [],
  error: null,
};

/** The name others see for our meeting. */
export function meetingNameFor(
  settings: Pick<Settings, 'hosting' | 'displayName'>,
  hostName: string,
): string {
  if (settings.hosting.meetingName) return settings.hosting.meetingName;
  if (settings.displayName) return `${settings.displayName}'s meeting`;
  return `Parley on ${hostName}`;
}

export class HostingService extends EventEmitter<HostingServiceEvents> {
  readonly #o: HostingServiceOptions;
  #status: ServerStatus = STOPPED;
  #server: SignalingHandle | null = null;
  #advertiser: AdvertiserHandle | null = null;
  /** What the running server was started for (requested port + advertised name). */
  #config: { port: number; name: string } | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;

  constructor(options: HostingServiceOptions) {
    super();
    this.#o = options;
    options.browser?.on('up', this.#onMeetings);
    options.browser?.on('down', this.#onMeetings);
    options.browser?.on('update', this.#onMeetings);
  }

  status(): ServerStatus {
    return this.#status;
  }

  /** Meetings on the LAN, without our own advert. */
  meetings(): readonly LanMeeting[] {
    const all = this.#o.browser?.meetings() ?? [];
    const port = this.#server?.port;
    if (port === undefined) return all;
    const ours = new Set(['127.0.0.1', ...this.#status.addresses]);
    return all.filter((m) => !(m.port === port && m.addresses.some((a) => ours.has(a))));
  }

  /** Starts browsing the LAN for meetings. */
  startBrowsing(): void {
    this.#o.browser?.start();
  }

  /** Brings the server in line with the settings (start, restart on port/name change, stop). Never rejects. */
  apply(settings: Pick<Settings, 'hosting' | 'displayName'>): Promise<ServerStatus> {
    return this.#enqueue(async () => {
      if (this.#closed) return this.#status;
      if (!settings.hosting.enabled) {
        await this.#stop();
        return this.#setStatus(STOPPED);
      }
      const wanted = {
        port: settings.hosting.port,
        name: meetingNameFor(settings, this.#o.hostName),
      };
      if (this.#server && this.#config?.port === wanted.port && this.#config.name === wanted.name)
        return this.#status;
      await this.#stop();
      this.#setStatus({ ...STOPPED, state: 'starting' });
      try {
        const server = await listenWithFallback(
          wanted.port,
          this.#o.portAttempts ?? 20,
          this.#o.startServer,
        );
        this.#server = server;
        this.#config = wanted;
        if (server.port !== wanted.port) {
          this.#o.logger.info('configured port in use; using the next free one', {
            wanted: wanted.port,
            port: server.port,
          });
        }
        this.#advertiser = this.#o.createAdvertiser?.(wanted.name, server) ?? null;
        void this.#advertiser?.start();
        return this.#setStatus(this.#running(server));
      } catch (error) {
        this.#o.logger.error('signaling server failed to start', { error });
        const message = error instanceof Error ? error.message : String(error);
        return this.#setStatus({ ...STOPPED, state: 'failed', error: message });
      }
    });
  }

  /** Recomputes the LAN addresses (after a network change). */
  refreshAddresses(): void {
    if (this.#server) this.#setStatus(this.#running(this.#server));
  }

  /** Stops advert, server and browser. Idempotent. */
  close(): Promise<void> {
    this.#closed = true;
    return this.#enqueue(async () => {
      await Promise.allSettled([this.#stop(), this.#o.browser?.stop()]);
      this.#setStatus(STOPPED);
    });
  }

  #running({ port, path = '/', key = 'peerjs' }: SignalingHandle): ServerStatus {
    const addresses = lanAddresses(this.#o.networkInterfaces());
    return {
      state: 'running',
      port,
      localUrl: `http://127.0.0.1:${port}${path}`,
      lanUrls: addresses.map((a) => `http://${a}:${port}${path}`),
      addresses,
      error: null,
      path,
      key,
    };
  }

  async #stop(): Promise<void> {
    const advertiser = this.#advertiser;
    const server = this.#server;
    this.#advertiser = null;
    this.#server = null;
    this.#config = null;
    await advertiser?.stop().catch((error: unknown) => {
      this.#o.logger.warn('advert stop failed', { error });
    });
    await server?.close().catch((error: unknown) => {
      this.#o.logger.warn('server close failed', { error });
    });
  }

  #setStatus(status: ServerStatus): ServerStatus {
    if (JSON.stringify(status) !== JSON.stringify(this.#status)) {
      this.#status = status;
      this.emit('status', status);
    }
    return status;
  }

  readonly #onMeetings = (): void => {
    this.emit('meetings', this.meetings());
  };

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
