/**
 * Runs node:util parseArgs (strict) over the flags of `parley serve` and walks its tokens in
 * order, so that --ice-username/--ice-credential bind to the --ice before them and a flag given
 * twice is an error rather than "last one wins".
 */
import { parseArgs } from 'node:util';
import { UsageError } from './errors';
import { canonicalFlag, parseArgsOptions } from './flags';

/** One --ice server as given on the command line. */
export interface IceFlag {
  urls: string[];
  username?: string;
  credential?: string;
}

export interface CollectedFlags {
  /** Canonical flag name → value (`true` for boolean flags). */
  readonly values: Map<string, string | true>;
  readonly ice: IceFlag[];
}

/** Runs parseArgs and walks its tokens in order (so --ice-username binds to the --ice before it). */
export function collectFlags(args: readonly string[]): CollectedFlags {
  let tokens;
  try {
    ({ tokens } = parseArgs({
      args: [...args],
      options: parseArgsOptions(),
      strict: true,
      allowPositionals: false,
      tokens: true,
    }));
  } catch (err) {
    throw new UsageError(parseArgsMessage(err), { cause: err });
  }
  const values = new Map<string, string | true>();
  const ice: IceFlag[] = [];
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const flag = canonicalFlag(token.name);
    if (!flag) throw new UsageError(`unknown option ${token.rawName}`);
    const value = token.value ?? true;
    if (flag.name === 'ice') {
      ice.push({ urls: [String(value)] });
    } else if (flag.name === 'ice-username' || flag.name === 'ice-credential') {
      const server = ice.at(-1);
      const field = flag.name === 'ice-username' ? 'username' : 'credential';
      if (!server)
        throw new UsageError(`--${flag.name} must follow the --ice server it belongs to`);
      if (server[field] !== undefined) {
        throw new UsageError(`--${flag.name} given twice for --ice ${server.urls[0] ?? ''}`);
      }
      server[field] = String(value);
    } else {
      if (values.has(flag.name)) throw new UsageError(`--${flag.name} given twice`);
      values.set(flag.name, value);
    }
  }
  return { values, ice };
}

/** Node's parseArgs messages, made one short line. */
function parseArgsMessage(err: unknown): string {
  const e = err as { code?: string; message?: string };
  const message = e.message ?? String(err);
  const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option ?? message}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${/'([^']*)'/.exec(message)?.[1] ?? message} (values go after their flag, e.g. --port 9000)`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (message.includes('does not take an argument'))
        return `${option ?? 'flag'} takes no value`;
      if (message.includes('ambiguous')) {
        return `${option ?? 'flag'} needs a value (write ${option ?? '--flag'}=-… for one starting with "-")`;
      }
      return `${option ?? 'flag'} needs a value`;
    default:
      return message.split('\n')[0] ?? message;
  }
}
