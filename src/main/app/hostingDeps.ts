/**
 * The real collaborators of HostingService: H1's signaling server and H2's mDNS advertiser and
 * browser, sharing one mDNS transport. Pure Node (no Electron), so `parley serve` could reuse it.
 */
import { hostname, networkInterfaces } from 'node:os';
import { MdnsTransport, MeetingAdvertiser, MeetingBrowser } from '../discovery';
import type { Logger } from '../logging';
import { startSignalingServer, type SignalingServer } from '../signaling';
import type { HostingServiceOptions } from './HostingService';

export interface HostingDepsOptions {
  logger: Logger;
  /** Address the server binds; default '0.0.0.0' (reachable on the LAN). */
  host?: string;
  /** Turn LAN discovery off (tests, or a machine without multicast). Default true. */
  discovery?: boolean;
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
      startSignalingServer(
        // Parley clients find the members of a meeting by listing ids ({path}{key}/peers).
        { host: options.host ?? '0.0.0.0', port, allowDiscovery: true },
        { logger: logger.child({ service: 'signaling' }) },
      ),
    ...(transport
      ? {
          createAdvertiser: (name: string, server: { port: number }) => {
            const { path, key } = (server as SignalingServer).options;
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
