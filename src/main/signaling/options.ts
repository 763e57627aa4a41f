import { isIP } from 'node:net';
import { SignalingOptionsError, type OptionIssue } from './errors';
import type { SignalingOptions } from './types';
import { SERVER_KEY_PATTERN } from '../../shared/server-config';

/** Every option with its default. */
export const DEFAULT_SIGNALING_OPTIONS: Readonly<SignalingOptions> = Object.freeze({
  host: '0.0.0.0',
  port: 9000,
  path: '/',
  key: 'peerjs',
  aliveTimeout: 60_000,
  expireTimeout: 5_000,
  concurrentLimit: 5_000,
  allowDiscovery: false,
  maxPayload: 64 * 1024,
  messageRate: 200,
  messageBurst: 1_000,
  perIpLimit: 256,
  maxQueuePerPeer: 128,
  maxQueueBytes: 16 * 1024 * 1024,
});

type Kind = 'string' | 'integer' | 'boolean';

/** Schema entry of one option (for CLIs and docs). */
export interface SignalingOptionSpec {
  /** camelCase name (the TypeScript option). */
  readonly name: keyof SignalingOptions;
  /** peer-style snake_case name (the CLI flag without dashes). */
  readonly cliName: string;
  readonly kind: Kind;
  /** Inclusive bounds of integer options. */
  readonly min?: number;
  readonly max?: number;
  readonly description: string;
}

const MAX_TIMER_MS = 2_147_483_647;

/** The options schema, in documentation order. */
export const SIGNALING_OPTION_SPECS: readonly SignalingOptionSpec[] = [
  { name: 'host', cliName: 'host', kind: 'string', description: 'Address to bind' },
  {
    name: 'port',
    cliName: 'port',
    kind: 'integer',
    min: 0,
    max: 65_535,
    description: 'TCP port (0 = any free port)',
  },
  { name: 'path', cliName: 'path', kind: 'string', description: 'URL prefix of every route' },
  { name: 'key', cliName: 'key', kind: 'string', description: 'API key clients must present' },
  {
    name: 'aliveTimeout',
    cliName: 'alive_timeout',
    kind: 'integer',
    min: 50,
    max: MAX_TIMER_MS,
    description: 'Drop a client silent for this many ms',
  },
  {
    name: 'expireTimeout',
    cliName: 'expire_timeout',
    kind: 'integer',
    min: 10,
    max: MAX_TIMER_MS,
    description: 'Queued messages expire after this many ms (sender gets EXPIRE)',
  },
  {
    name: 'concurrentLimit',
    cliName: 'concurrent_limit',
    kind: 'integer',
    min: 1,
    max: 1_000_000,
    description: 'Most registered clients at once',
  },
  {
    name: 'allowDiscovery',
    cliName: 'allow_discovery',
    kind: 'boolean',
    description: 'Serve the list of connected ids at {path}{key}/peers',
  },
  {
    name: 'maxPayload',
    cliName: 'max_payload',
    kind: 'integer',
    min: 1_024,
    max: 16 * 1024 * 1024,
    description: 'Largest frame a client may send, in bytes',
  },
  {
    name: 'messageRate',
    cliName: 'message_rate',
    kind: 'integer',
    min: 0,
    max: 1_000_000,
    description: 'Sustained frames per second per client (0 = unlimited)',
  },
  {
    name: 'messageBurst',
    cliName: 'message_burst',
    kind: 'integer',
    min: 1,
    max: 1_000_000,
    description: 'Frames a client may send in a burst',
  },
  {
    name: 'perIpLimit',
    cliName: 'per_ip_limit',
    kind: 'integer',
    min: 0,
    max: 1_000_000,
    description: 'Most open sockets per IP address (0 = no cap)',
  },
  {
    name: 'maxQueuePerPeer',
    cliName: 'max_queue_per_peer',
    kind: 'integer',
    min: 0,
    max: 1_000_000,
    description: 'Most messages queued for one absent peer',
  },
  {
    name: 'maxQueueBytes',
    cliName: 'max_queue_bytes',
    kind: 'integer',
    min: 0,
    max: 2 ** 40,
    description: 'Most bytes queued for all absent peers together',
  },
];

const BY_NAME = new Map<string, SignalingOptionSpec>();
for (const spec of SIGNALING_OPTION_SPECS) {
  BY_NAME.set(spec.name, spec);
  BY_NAME.set(spec.cliName, spec);
}

const HOSTNAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const PATH_SEGMENT = /^[A-Za-z0-9._~-]+$/;

function coerce(spec: SignalingOptionSpec, value: unknown): { value?: unknown; reason?: string } {
  switch (spec.kind) {
    case 'boolean':
      if (typeof value === 'boolean') return { value };
      if (value === 'true' || value === 'false') return { value: value === 'true' };
      return { reason: `must be true or false, got ${describe(value)}` };
    case 'integer': {
      const n = typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
        return { reason: `must be an integer, got ${describe(value)}` };
      }
      if (spec.min !== undefined && n < spec.min)
        return { reason: `must be at least ${spec.min}, got ${n}` };
      if (spec.max !== undefined && n > spec.max)
        return { reason: `must be at most ${spec.max}, got ${n}` };
      return { value: n };
    }
    case 'string':
      return typeof value === 'string'
        ? { value }
        : { reason: `must be a string, got ${describe(value)}` };
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return `${typeof value} ${value.toString()}`;
  }
  return typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`;
}

/** Normalizes a path to '/a/b/'; returns undefined when it is not a plain URL path. */
export function normalizePath(path: string): string | undefined {
  const segments = path.split('/').filter((s) => s !== '');
  if (!segments.every((s) => PATH_SEGMENT.test(s) && s !== '.' && s !== '..')) return undefined;
  return segments.length === 0 ? '/' : `/${segments.join('/')}/`;
}

/**
 * Validates options and fills defaults. Accepts camelCase names and the CLI's snake_case names
 * (not both for the same option); integer and boolean options also accept their decimal /
 * 'true'|'false' string forms (for CLI values). `undefined` values mean "default".
 * @throws SignalingOptionsError listing every invalid or unknown option and why.
 */
export function validateSignalingOptions(
  input: Partial<SignalingOptions> | Readonly<Record<string, unknown>> = {},
): SignalingOptions {
  const value: unknown = input; // JavaScript callers may pass anything
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SignalingOptionsError([{ option: '(options)', reason: 'must be an object' }]);
  }
  const issues: OptionIssue[] = [];
  const out: Record<string, unknown> = { ...DEFAULT_SIGNALING_OPTIONS };
  const given = new Map<string, string>();
  for (const [rawName, raw] of Object.entries(input)) {
    if (raw === undefined) continue;
    const spec = BY_NAME.get(rawName);
    if (!spec) {
      issues.push({ option: rawName, reason: 'unknown option' });
      continue;
    }
    const earlier = given.get(spec.name);
    if (earlier !== undefined) {
      issues.push({ option: spec.name, reason: `given twice (as ${earlier} and ${rawName})` });
      continue;
    }
    given.set(spec.name, rawName);
    const result = coerce(spec, raw);
    if (result.reason !== undefined) issues.push({ option: spec.name, reason: result.reason });
    else out[spec.name] = result.value;
  }
  const options = out as unknown as SignalingOptions;
  checkStrings(options, issues);
  if (issues.length > 0) throw new SignalingOptionsError(issues);
  return options;
}

function checkStrings(options: SignalingOptions, issues: OptionIssue[]): void {
  if (typeof options.host === 'string') {
    const host = options.host;
    if (isIP(host) === 0 && !HOSTNAME.test(host)) {
      issues.push({
        option: 'host',
        reason: `must be an IP address or a host name, got ${describe(host)}`,
      });
    }
  }
  if (typeof options.path === 'string') {
    const path = normalizePath(options.path);
    if (path === undefined) {
      issues.push({
        option: 'path',
        reason: `must be a URL path of letters, digits, '.', '_', '~', '-' and '/', got ${describe(options.path)}`,
      });
    } else {
      options.path = path;
    }
  }
  if (typeof options.key === 'string' && !SERVER_KEY_PATTERN.test(options.key)) {
    issues.push({
      option: 'key',
      reason: `must be 1-128 letters, digits, '.', '_', '~' or '-', got ${describe(options.key)}`,
    });
  }
}
