/**
 * Parses the command line of `parley` (pure: no I/O). `parley serve [flags]`, `parley --help`,
 * `parley --version`. Every problem is a UsageError with a one-line message naming the flag.
 */
import { isIPv4 } from 'node:net';
import { IceConfigError, parseIceUrl, validateIceServer, type IceServer } from '../../shared/ice';
import { LOG_LEVELS, type LogLevel } from '../logging';
import {
  SIGNALING_OPTION_SPECS,
  SignalingOptionsError,
  validateSignalingOptions,
  type SignalingOptions,
} from '../signaling';
import { UsageError } from './errors';
import { collectFlags, type IceFlag } from './collectFlags';

export type TlsConfig =
  | { readonly mode: 'off' }
  | { readonly mode: 'files'; readonly certFile: string; readonly keyFile: string }
  | { readonly mode: 'self-signed' };

/** Whether and from where to serve the web app for browser guests. */
export type WebConfig =
  | { readonly mode: 'off' }
  /** out/web beside the built server; served when present, skipped with a warning when not. */
  | { readonly mode: 'default' }
  /** A folder given with --web-root: it must hold a build (index.html). */
  | { readonly mode: 'folder'; readonly root: string };

/** Everything `parley serve` was asked to do. */
export interface ServeConfig {
  readonly signaling: SignalingOptions;
  /** Meeting name advertised on the LAN. */
  readonly name: string;
  /** Whether to advertise by mDNS/DNS-SD. */
  readonly mdns: boolean;
  /** IPv4 address of the only interface to advertise on. */
  readonly mdnsInterface: string | undefined;
  /** ICE servers from --ice flags (the --ice-config file is read later, by the caller). */
  readonly iceServers: readonly IceServer[];
  readonly iceConfigFile: string | undefined;
  readonly logLevel: LogLevel;
  readonly tls: TlsConfig;
  readonly web: WebConfig;
}

export type CliCommand =
  | { readonly command: 'help' }
  | { readonly command: 'version' }
  | { readonly command: 'serve'; readonly config: ServeConfig };

export interface CliContext {
  /** This machine's host name, for the default meeting name. */
  readonly hostname: string;
}

const MAX_NAME_LENGTH = 100;

/** Parses `argv` (without node and the script). */
export function parseCli(argv: readonly string[], context: CliContext): CliCommand {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    return { command: 'help' };
  }
  if (first === '--version' || first === '-v') return { command: 'version' };
  if (first !== 'serve') {
    throw new UsageError(`unknown command ${JSON.stringify(first)} (the command is "serve")`);
  }
  return parseServeArgs(rest, context);
}

/** Parses the flags after `serve`. */
export function parseServeArgs(args: readonly string[], context: CliContext): CliCommand {
  const { values, ice } = collectFlags(args);
  if (values.has('help')) return { command: 'help' };
  if (values.has('version')) return { command: 'version' };

  const str = (name: string): string | undefined => {
    const v = values.get(name);
    return typeof v === 'string' ? v : undefined;
  };

  const signalingInput: Record<string, unknown> = {};
  for (const spec of SIGNALING_OPTION_SPECS) {
    const v = values.get(spec.cliName);
    if (v !== undefined) signalingInput[spec.cliName] = v;
  }
  // Parley clients find the members of a meeting by listing ids ({path}{key}/peers): on by
  // default for `parley serve` (peer's own default, off, is kept by the signaling options).
  if (values.has('no-allow_discovery')) {
    if (values.has('allow_discovery')) {
      throw new UsageError('--allow_discovery and --no-allow_discovery cannot be given together');
    }
    signalingInput.allow_discovery = false;
  }
  signalingInput.allow_discovery ??= true;
  let signaling: SignalingOptions;
  try {
    signaling = validateSignalingOptions(signalingInput);
  } catch (err) {
    if (!(err instanceof SignalingOptionsError)) throw err;
    const issue = err.issues[0];
    const spec = SIGNALING_OPTION_SPECS.find((s) => s.name === issue?.option);
    throw new UsageError(`--${spec?.cliName ?? issue?.option ?? '?'} ${issue?.reason ?? ''}`, {
      cause: err,
    });
  }

  const name = str('name') ?? `Parley on ${context.hostname}`;
  // eslint-disable-next-line no-control-regex
  if (name.trim().length === 0 || /[\u0000-\u001f\u007f]/.test(name)) {
    throw new UsageError('--name must be non-empty text without control characters');
  }
  if (name.length > MAX_NAME_LENGTH) {
    throw new UsageError(`--name must be at most ${MAX_NAME_LENGTH} characters`);
  }

  const mdnsInterface = str('mdns-interface');
  if (mdnsInterface !== undefined && !isIPv4(mdnsInterface)) {
    throw new UsageError(
      `--mdns-interface must be an IPv4 address, got ${JSON.stringify(mdnsInterface)}`,
    );
  }

  const logLevel = str('log-level') ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new UsageError(
      `--log-level must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(logLevel)}`,
    );
  }

  return {
    command: 'serve',
    config: {
      signaling,
      name: name.trim(),
      mdns: !values.has('no-mdns'),
      mdnsInterface,
      iceServers: ice.map(toIceServer),
      iceConfigFile: nonEmpty(str('ice-config'), '--ice-config'),
      logLevel: logLevel as LogLevel,
      tls: tlsConfig(str('tls-cert'), str('tls-key'), values.has('tls-self-signed')),
      web: webConfig(str('web-root'), values.has('no-web')),
    },
  };
}

function toIceServer(entry: IceFlag): IceServer {
  try {
    const url = entry.urls[0] ?? '';
    parseIceUrl(url, `--ice ${url}`);
    return validateIceServer(
      {
        urls: entry.urls,
        ...(entry.username !== undefined ? { username: entry.username } : {}),
        ...(entry.credential !== undefined ? { credential: entry.credential } : {}),
      },
      `--ice ${url}`,
    );
  } catch (err) {
    if (!(err instanceof IceConfigError)) throw err;
    const hint = err.reason.includes('TURN')
      ? ' (add --ice-username and --ice-credential after it)'
      : '';
    throw new UsageError(`${err.message}${hint}`, { cause: err });
  }
}

function tlsConfig(
  cert: string | undefined,
  key: string | undefined,
  selfSigned: boolean,
): TlsConfig {
  if (selfSigned && (cert !== undefined || key !== undefined)) {
    throw new UsageError('--tls-self-signed cannot be combined with --tls-cert/--tls-key');
  }
  if (selfSigned) return { mode: 'self-signed' };
  if (cert === undefined && key === undefined) return { mode: 'off' };
  if (cert === undefined || key === undefined) {
    throw new UsageError('--tls-cert and --tls-key must be given together');
  }
  return {
    mode: 'files',
    certFile: nonEmpty(cert, '--tls-cert') ?? cert,
    keyFile: nonEmpty(key, '--tls-key') ?? key,
  };
}

function webConfig(root: string | undefined, off: boolean): WebConfig {
  if (off && root !== undefined)
    throw new UsageError('--no-web cannot be combined with --web-root');
  if (off) return { mode: 'off' };
  if (root === undefined) return { mode: 'default' };
  return { mode: 'folder', root: nonEmpty(root, '--web-root') ?? root };
}

function nonEmpty(value: string | undefined, flag: string): string | undefined {
  if (value !== undefined && value.trim().length === 0)
    throw new UsageError(`${flag} needs a file name`);
  return value;
}
