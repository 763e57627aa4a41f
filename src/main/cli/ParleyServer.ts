/**
 * A running `parley serve`: the HTTP(S) server, the signaling service attached to it, the
 * config/health routes, and the LAN advert. `start` wires them; `stop` takes them down in order
 * (goodbye on mDNS, close code 1001 to clients, then the HTTP server with its idle sockets).
 */
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { IceServer } from '../../shared/ice';
import { MeetingAdvertiser, SERVICE_TYPE, type DiscoveryError } from '../discovery';
import type { Logger } from '../logging';
import { attachSignalingServer, type SignalingServer } from '../signaling';
import { createHttpHandler } from './createHttpHandler';
import { StartupError } from './errors';
import { formatUrl, lanIPv4Addresses } from './lanAddresses';
import { loadIceConfig } from './loadIceConfig';
import type { ServeConfig } from './parseServeArgs';
import { loadTls } from './tls';
import { PARLEY_VERSION } from './version';
import { loadWebApp } from './loadWebApp';

export interface ParleyServerDeps {
  readonly logger: Logger;
  /** This machine's host name (certificate names). */
  readonly hostname: string;
  /** The machine's LAN IPv4 addresses. Default: from os.networkInterfaces(). */
  readonly lanAddresses?: () => string[];
  /** Where the built web app is by default (out/web beside the built server). */
  readonly defaultWebRoot?: string;
}

/** What the startup banner shows. */
export interface ServerInfo {
  readonly url: string;
  /** URLs to open from this machine and from the LAN. */
  readonly localUrl: string;
  readonly lanUrls: readonly string[];
  readonly port: number;
  readonly name: string;
  readonly mdns: boolean;
  readonly tls: { readonly selfSigned: boolean; readonly fingerprint256: string } | undefined;
  /** The web app for browser guests, when served: its folder and file count. */
  readonly web?: { readonly root: string; readonly files: number } | undefined;
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);

export class ParleyServer {
  private stopPromise: Promise<void> | undefined;

  private constructor(
    readonly info: ServerInfo,
    private readonly http: HttpServer | HttpsServer,
    private readonly signaling: SignalingServer,
    private readonly advertiser: MeetingAdvertiser | undefined,
    private readonly logger: Logger,
  ) {}

  /** @throws UsageError (bad --ice-config), StartupError (certificate, port in use). */
  static async start(config: ServeConfig, deps: ParleyServerDeps): Promise<ParleyServer> {
    const { logger } = deps;
    const fileIce =
      config.iceConfigFile !== undefined ? await loadIceConfig(config.iceConfigFile) : [];
    const iceServers: IceServer[] = [...fileIce, ...config.iceServers];
    const addresses = (deps.lanAddresses ?? lanIPv4Addresses)();
    const tls = await loadTls(config.tls, { hostname: deps.hostname, addresses });
    const http = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }) : createHttpServer();
    const { signaling: options } = config;
    const signaling = attachSignalingServer(http, options, {
      logger: logger.child({ component: 'signaling' }),
    });
    signaling.on('connection', (id) => {
      logger.debug('client connected', { id, clients: signaling.clientCount() });
    });
    signaling.on('disconnect', (id) => {
      logger.debug('client disconnected', { id, clients: signaling.clientCount() });
    });
    // Known once listening: the advert (its instance name differs from --name after a conflict).
    const late: { advertiser?: MeetingAdvertiser } = {};
    /**
     * How LAN discovery names this meeting, `<instance>._parley._tcp.local`, so web guests derive
     * the same code as desktop apps that find it by mDNS. Stable from the start: before the advert
     * is out (or without mDNS) the instance is the name it is published under unless renamed.
     */
    const meeting = (): { id: string; name: string } => ({
      id: `${late.advertiser?.instanceName ?? config.name}._${SERVICE_TYPE}._tcp.local`,
      name: config.name,
    });
    const site = await loadWebApp(config.web, options.path, deps.defaultWebRoot, logger).catch(
      async (err: unknown) => {
        await signaling.close();
        throw err;
      },
    );
    http.on(
      'request',
      createHttpHandler({
        signaling,
        path: options.path,
        key: options.key,
        iceServers,
        version: PARLEY_VERSION,
        meeting,
        ...(site
          ? {
              navigation: (req, res) => site.handleNavigation(req, res),
              fallback: (req, res) => site.handle(req, res),
            }
          : {}),
      }),
    );

    let port: number;
    try {
      port = await listen(http, options.host, options.port);
    } catch (err) {
      await signaling.close();
      const code = (err as NodeJS.ErrnoException).code;
      const hint = code === 'EADDRINUSE' ? ' (in use; choose another with --port)' : '';
      throw new StartupError(
        `cannot listen on ${options.host}:${options.port}: ${code ?? (err as Error).message}${hint}`,
        { cause: err },
      );
    }

    const scheme = tls ? 'https' : 'http';
    const wildcard = WILDCARD_HOSTS.has(options.host);
    // A server bound to loopback cannot be reached from the LAN: advertising it there would lie.
    const unreachable =
      isLoopback(options.host) &&
      (config.mdnsInterface === undefined || !isLoopback(config.mdnsInterface));
    if (config.mdns && unreachable) {
      logger.warn('not advertising on the LAN: the server listens on loopback only', {
        host: options.host,
      });
    }
    const info: ServerInfo = {
      url: formatUrl(scheme, options.host, port, options.path),
      localUrl: formatUrl(scheme, wildcard ? '127.0.0.1' : options.host, port, options.path),
      lanUrls: wildcard ? addresses.map((a) => formatUrl(scheme, a, port, options.path)) : [],
      port,
      name: config.name,
      mdns: config.mdns && !unreachable,
      tls: tls ? { selfSigned: tls.selfSigned, fingerprint256: tls.fingerprint256 } : undefined,
      web: site ? { root: site.root, files: site.size } : undefined,
    };

    const advertiser =
      config.mdns && !unreachable
        ? advertise(
            config,
            { port, path: options.path, key: options.key, secure: tls !== undefined },
            logger,
          )
        : undefined;

    logger.info('parley server listening', {
      version: PARLEY_VERSION,
      url: info.url,
      lanUrls: info.lanUrls,
      lanAddresses: addresses,
      port,
      tls: tls
        ? { selfSigned: tls.selfSigned, fingerprint256: tls.fingerprint256, validTo: tls.validTo }
        : false,
      name: config.name,
      mdns: config.mdns ? (config.mdnsInterface ?? 'all interfaces') : false,
      iceServers: iceServers.map((s) => ({
        urls: s.urls,
        withCredential: s.credential !== undefined,
      })),
      options,
    });
    late.advertiser = advertiser;
    return new ParleyServer(info, http, signaling, advertiser, logger);
  }

  /** Graceful stop; idempotent (every call gets the same promise). */
  stop(): Promise<void> {
    this.stopPromise ??= this.shutdown();
    return this.stopPromise;
  }

  private async shutdown(): Promise<void> {
    await this.advertiser?.stop(); // goodbye packets first: browsers drop the meeting at once
    await this.signaling.close(); // clients get close code 1001 (going away)
    await new Promise<void>((resolve) => {
      this.http.close(() => {
        resolve();
      });
      this.http.closeAllConnections(); // keep-alive sockets would hold close() open
    });
    this.logger.info('parley server stopped');
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

function listen(server: HttpServer | HttpsServer, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port }, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Starts the LAN advert in the background; failures are logged and the server carries on. */
function advertise(
  config: ServeConfig,
  advert: { port: number; path: string; key: string; secure: boolean },
  logger: Logger,
): MeetingAdvertiser {
  const log = logger.child({ component: 'discovery' });
  // Given options (not a transport), the advertiser owns its mDNS socket and closes it on stop.
  const advertiser = new MeetingAdvertiser(
    config.mdnsInterface !== undefined ? { interface: config.mdnsInterface } : {},
    { name: config.name, ...advert },
  );
  advertiser.on('published', (instanceName) => {
    log.info('meeting advertised on the LAN', { instanceName, service: '_parley._tcp.local' });
  });
  advertiser.on('error', (error: DiscoveryError) => {
    const fatal = error.type === 'socket-unavailable' || error.type === 'publish-failed';
    log.warn(fatal ? 'LAN discovery unavailable; running without it' : 'LAN discovery problem', {
      type: error.type,
      error,
    });
    if (fatal) void advertiser.stop();
  });
  void advertiser.start();
  return advertiser;
}
