/**
 * Composition root of `parley serve` (the headless server, no Electron): parse the command line,
 * start the server, print the banner, stop gracefully on SIGINT/SIGTERM (a second signal forces
 * the exit). Built into out/serve/serve.mjs and run by bin/parley.mjs.
 */
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { formatBanner } from './cli/banner';
import { StartupError, UsageError } from './cli/errors';
import { ParleyServer } from './cli/ParleyServer';
import { ShutdownSignals } from './cli/ShutdownSignals';
import { parseCli } from './cli/parseServeArgs';
import { usage } from './cli/usage';
import { PARLEY_VERSION } from './cli/version';
import { createLogger } from './logging';

/** Exit codes: 0 ok, 1 runtime failure, 2 bad command line. */
const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;
/** The web app built beside this file (out/serve/serve.mjs → out/web). */
const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../web/', import.meta.url));
/** A graceful stop that takes longer than this is cut short. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

const out = (text: string): void => {
  process.stdout.write(text);
};
const err = (text: string): void => {
  process.stderr.write(text);
};

/** Runs `parley <argv>`; resolves with the process exit code once the server has stopped. */
export async function main(argv: string[]): Promise<number> {
  const host = hostname();
  let command;
  try {
    command = parseCli(argv, { hostname: host });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(`parley: ${error.message}\n\n${usage()}`);
    return EXIT_USAGE;
  }
  if (command.command === 'help') {
    out(usage());
    return EXIT_OK;
  }
  if (command.command === 'version') {
    out(`parley ${PARLEY_VERSION}\n`);
    return EXIT_OK;
  }

  const logger = createLogger({ level: command.config.logLevel });
  const signals = new ShutdownSignals(logger);
  signals.install(); // before the banner: a test or script may signal as soon as it sees it
  let server: ParleyServer;
  try {
    server = await ParleyServer.start(command.config, {
      logger,
      hostname: host,
      defaultWebRoot: DEFAULT_WEB_ROOT,
    });
  } catch (error) {
    signals.dispose();
    if (error instanceof UsageError) {
      err(`parley: ${error.message}\n`);
      return EXIT_USAGE;
    }
    const message = error instanceof StartupError ? error.message : String(error);
    logger.error('parley server failed to start', { error });
    err(`parley: ${message}\n`);
    return EXIT_FAILURE;
  }
  out(formatBanner(server.info));

  const signal = await signals.requested;
  logger.info('shutting down', { signal });
  const force = setTimeout(() => {
    logger.error('graceful stop timed out; exiting', { timeoutMs: SHUTDOWN_TIMEOUT_MS });
    process.exit(EXIT_FAILURE);
  }, SHUTDOWN_TIMEOUT_MS);
  force.unref();
  try {
    await server.stop();
    return EXIT_OK;
  } catch (error) {
    logger.error('error while stopping', { error });
    return EXIT_FAILURE;
  } finally {
    clearTimeout(force);
    signals.dispose();
  }
}
