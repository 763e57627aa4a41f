/** The help text of `parley`. */
import { PARLEY_FLAGS, SIGNALING_FLAGS, type FlagSpec } from './flags';

function line(flag: FlagSpec): string {
  const head = `  ${flag.short !== undefined ? `-${flag.short}, ` : ''}--${flag.name}${
    flag.value !== undefined ? ` ${flag.value}` : ''
  }`;
  const tail = flag.default !== undefined ? ` (default: ${flag.default})` : '';
  return `${head.padEnd(34)} ${flag.description}${tail}`;
}

export function usage(): string {
  return [
    'Usage: parley serve [options]',
    '       parley --help | --version',
    '',
    'Runs the Parley signaling server (PeerJS-compatible) and advertises the meeting on the LAN.',
    'Flags are accepted in snake_case and kebab-case (--alive_timeout or --alive-timeout).',
    '',
    'Server options:',
    ...SIGNALING_FLAGS.map(line),
    '',
    'Parley options:',
    ...PARLEY_FLAGS.map(line),
    '',
    'Examples:',
    '  parley serve --name "Design review"',
    '  parley serve --port 443 --tls-self-signed',
    '  parley serve --ice stun:stun.lan:3478 --ice turn:turn.lan:3478?transport=udp \\',
    '               --ice-username alice --ice-credential s3cret',
    '',
  ].join('\n');
}
