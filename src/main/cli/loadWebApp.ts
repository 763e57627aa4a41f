/** Loads the web app `parley serve` hosts for browser guests, as --web-root/--no-web ask. */
import type { Logger } from '../logging';
import { StaticSite } from '../web/StaticSite';
import { WebRootError } from '../web/errors';
import { StartupError } from './errors';
import type { WebConfig } from './parseServeArgs';

/**
 * The site to serve, or undefined when off. The default folder missing (a server built without
 * the web app) is a warning; a folder named with --web-root that cannot be served is a
 * StartupError.
 */
export async function loadWebApp(
  config: WebConfig,
  mountPath: string,
  defaultRoot: string | undefined,
  logger: Logger,
): Promise<StaticSite | undefined> {
  if (config.mode === 'off') return undefined;
  const root = config.mode === 'folder' ? config.root : defaultRoot;
  if (root === undefined) return undefined;
  try {
    const site = await StaticSite.load(root, mountPath);
    logger.info('serving the web app', { root, files: site.size, path: mountPath });
    return site;
  } catch (err) {
    if (!(err instanceof WebRootError)) throw err;
    if (config.mode === 'folder') {
      throw new StartupError(`--web-root: ${err.message}`, { cause: err });
    }
    logger.warn('not serving the web app', { reason: err.message });
    return undefined;
  }
}
