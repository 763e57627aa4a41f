/**
 * The real collaborators of HostingService: H1's signaling server and H2's mDNS advertiser and
 * browser, sharing one mDNS transport. Pure Node (no Electron), so `parley serve` could reuse it.
 */
import { hostname, networkInterfaces } from 'node:os';
import { MdnsTransport, MeetingAdvertiser, MeetingBrowser } from '../discovery';
import type { Logger } from '../logging';
import { startEmbeddedServer } from './embeddedServer';
import type { HostingServiceOptions, SignalingHandle } from './HostingService';

export interface HostingDepsOptions {
  logger: Logger;
  /** Address the server binds; default '0.0.0.0' (reachable on the LAN). */
  host?: string;
  /** Turn LAN discovery off (tests, or a machine without multicast). Default true. */
  discovery?: boolean;
  /** The ICE servers the server hands to clients ({path}parley/config); default none. */
  iceServers?: () => readonly unknown[];
}

export interface HostingDeps extends HostingServiceOptions {
  /** Releases the shared mDNS socket (after HostingService.close()). */
  dispose(): Promise<void>;
}

export function createHostingDeps(options: HostingDepsOptions): HostingDeps {
  const logger = options.logger;
  const transport = options.discovery === false ? null : new MdnsTransport();
  transport?.on('error', (error) => {
    logger.warn('LAN discovery problem', { error });
  });
  return {
    logger,
    hostName: hostname(),
    networkInterfaces,
    startServer: (port) =>
      startEmbeddedServer({
        // Parley clients find the members of a meeting by listing ids ({path}{key}/peers).
        signaling: { host: options.host ?? '0.0.0.0', port, allowDiscovery: true },
        iceServers: options.iceServers ?? (() => []),
        logger: logger.child({ service: 'signaling' }),
      }),
    ...(transport
      ? {
          createAdvertiser: (name: string, server: SignalingHandle) => {
            const { path = '/', key = 'peerjs' } = server;
            const advertiser = new MeetingAdvertiser(transport, {
              name,
              port: server.port,
              path,
              key,
              secure: false,
            });
            advertiser.on('error', (error) => {
              logger.warn('meeting advert failed', { error });
            });
            return advertiser;
          },
          browser: new MeetingBrowser(transport),
        }
      : {}),
    dispose: async () => {
      await transport?.destroy();
    },
  };
}
