/**
 * Every flag of `parley serve`: the signaling options (peer-style snake_case names, from the
 * signaling schema) and Parley's own. Each flag is accepted in snake_case and kebab-case.
 */
import { DEFAULT_SIGNALING_OPTIONS, SIGNALING_OPTION_SPECS } from '../signaling';

export interface FlagSpec {
  /** Canonical name, as printed in the usage (without dashes). */
  readonly name: string;
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  readonly short?: string;
  /** Placeholder of the value in the usage, e.g. `<ms>`. */
  readonly value?: string;
  /** Default, as printed in the usage. */
  readonly default?: string;
  readonly description: string;
  /** True for the flags that map to a signaling option. */
  readonly signaling?: boolean;
}

const placeholder: Record<string, string> = {
  host: '<address>',
  port: '<port>',
  path: '<path>',
  key: '<key>',
  max_payload: '<bytes>',
  max_queue_bytes: '<bytes>',
};

export const SIGNALING_FLAGS: readonly FlagSpec[] = SIGNALING_OPTION_SPECS.map((spec) => ({
  name: spec.cliName,
  type: spec.kind === 'boolean' ? 'boolean' : 'string',
  value:
    spec.kind === 'boolean'
      ? undefined
      : (placeholder[spec.cliName] ?? (spec.cliName.endsWith('timeout') ? '<ms>' : '<n>')),
  // parley serve turns discovery on (parseServeArgs): Parley clients list a meeting's members.
  default: spec.name === 'allowDiscovery' ? 'true' : String(DEFAULT_SIGNALING_OPTIONS[spec.name]),
  description: spec.description,
  signaling: true,
}));

export const PARLEY_FLAGS: readonly FlagSpec[] = [
  {
    name: 'name',
    type: 'string',
    value: '<text>',
    default: '"Parley on <hostname>"',
    description: 'Meeting name advertised on the LAN',
  },
  {
    name: 'no-allow_discovery',
    type: 'boolean',
    description:
      'Do not list peer ids at {path}{key}/peers (Parley clients then cannot find a meeting by code; plain PeerJS clients are unaffected)',
  },
  { name: 'no-mdns', type: 'boolean', description: 'Do not advertise the meeting by mDNS/DNS-SD' },
  {
    name: 'mdns-interface',
    type: 'string',
    value: '<ipv4>',
    default: 'all interfaces',
    description: 'Advertise only on the interface with this IPv4 address',
  },
  {
    name: 'ice',
    type: 'string',
    multiple: true,
    value: '<url>',
    default: 'none, LAN only',
    description: 'STUN/TURN server handed to clients (repeatable): stun:, stuns:, turn:, turns:',
  },
  {
    name: 'ice-username',
    type: 'string',
    multiple: true,
    value: '<user>',
    description: 'Username of the preceding --ice server (TURN)',
  },
  {
    name: 'ice-credential',
    type: 'string',
    multiple: true,
    value: '<secret>',
    description: 'Credential of the preceding --ice server (TURN)',
  },
  {
    name: 'ice-config',
    type: 'string',
    value: '<file.json>',
    description: 'JSON file: [RTCIceServer, …] or { "iceServers": [ … ] }',
  },
  {
    name: 'log-level',
    type: 'string',
    value: '<level>',
    default: 'info',
    description: 'debug, info, warn, error or silent (JSON lines on stderr)',
  },
  {
    name: 'tls-cert',
    type: 'string',
    value: '<file.pem>',
    description: 'Serve HTTPS/WSS with this certificate (PEM; needs --tls-key)',
  },
  {
    name: 'tls-key',
    type: 'string',
    value: '<file.pem>',
    description: 'Private key of --tls-cert',
  },
  {
    name: 'tls-self-signed',
    type: 'boolean',
    description: 'Serve HTTPS/WSS with a generated self-signed certificate (prints its SHA-256)',
  },
  {
    name: 'web-root',
    type: 'string',
    value: '<folder>',
    default: 'out/web beside the server',
    description: 'Serve the web app for browser guests from this folder (a build of src/renderer)',
  },
  { name: 'no-web', type: 'boolean', description: 'Do not serve the web app (signaling only)' },
  { name: 'help', type: 'boolean', short: 'h', description: 'Show this help' },
  { name: 'version', type: 'boolean', short: 'v', description: 'Show the version' },
];

export const ALL_FLAGS: readonly FlagSpec[] = [...SIGNALING_FLAGS, ...PARLEY_FLAGS];

/** Both spellings of a flag name. */
export function spellings(name: string): string[] {
  return [...new Set([name, name.replace(/_/g, '-'), name.replace(/-/g, '_')])];
}

/** parseArgs option definitions for every spelling of every flag. */
export function parseArgsOptions(): Record<
  string,
  { type: 'string' | 'boolean'; multiple?: boolean; short?: string }
> {
  const options: Record<
    string,
    { type: 'string' | 'boolean'; multiple?: boolean; short?: string }
  > = {};
  for (const flag of ALL_FLAGS) {
    spellings(flag.name).forEach((spelling, i) => {
      options[spelling] = {
        type: flag.type,
        ...(flag.multiple === true ? { multiple: true } : {}),
        ...(flag.short !== undefined && i === 0 ? { short: flag.short } : {}),
      };
    });
  }
  return options;
}

/** Canonical flag for any accepted spelling. */
export function canonicalFlag(spelling: string): FlagSpec | undefined {
  return ALL_FLAGS.find((flag) => spellings(flag.name).includes(spelling));
}
