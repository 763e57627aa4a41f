import { describe, expect, it } from 'vitest';
import { DEFAULT_SIGNALING_OPTIONS } from '../signaling';
import { UsageError } from './errors';
import { parseCli, type ServeConfig } from './parseServeArgs';
import { usage } from './usage';

const context = { hostname: 'box' };

function serve(...args: string[]): ServeConfig {
  const result = parseCli(['serve', ...args], context);
  if (result.command !== 'serve') throw new Error(`expected serve, got ${result.command}`);
  return result.config;
}

function usageError(args: string[]): string {
  try {
    parseCli(args, context);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    const message = (err as UsageError).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error(`expected a UsageError for ${args.join(' ')}`);
}

describe('parseCli commands', () => {
  it.each([[[]], [['--help']], [['-h']], [['help']], [['serve', '--help']], [['serve', '-h']]])(
    '%j shows the help',
    (argv) => {
      expect(parseCli(argv, context)).toEqual({ command: 'help' });
    },
  );

  it.each([[['--version']], [['-v']], [['serve', '--version']]])('%j shows the version', (argv) => {
    expect(parseCli(argv, context)).toEqual({ command: 'version' });
  });

  it('rejects an unknown command', () => {
    expect(usageError(['serv'])).toBe('unknown command "serv" (the command is "serve")');
  });
});

describe('parseServeArgs defaults', () => {
  it('fills every default', () => {
    expect(serve()).toEqual({
      signaling: { ...DEFAULT_SIGNALING_OPTIONS, allowDiscovery: true },
      name: 'Parley on box',
      mdns: true,
      mdnsInterface: undefined,
      iceServers: [],
      iceConfigFile: undefined,
      logLevel: 'info',
      tls: { mode: 'off' },
      web: { mode: 'default' },
    });
  });
});

describe('signaling flags', () => {
  it('accepts every option, snake_case and kebab-case', () => {
    const config = serve(
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--path',
      'rtc',
      '--key',
      'mykey',
      '--alive_timeout',
      '1000',
      '--expire-timeout',
      '2000',
      '--concurrent_limit',
      '10',
      '--allow-discovery',
      '--max_payload',
      '2048',
      '--message-rate',
      '50',
      '--message_burst',
      '100',
      '--per-ip-limit',
      '4',
      '--max_queue_per_peer',
      '8',
      '--max-queue-bytes=1024',
    );
    expect(config.signaling).toEqual({
      host: '127.0.0.1',
      port: 0,
      path: '/rtc/',
      key: 'mykey',
      aliveTimeout: 1000,
      expireTimeout: 2000,
      concurrentLimit: 10,
      allowDiscovery: true,
      maxPayload: 2048,
      messageRate: 50,
      messageBurst: 100,
      perIpLimit: 4,
      maxQueuePerPeer: 8,
      maxQueueBytes: 1024,
    });
  });

  it.each([
    [['--port', '70000'], '--port must be at most 65535, got 70000'],
    [['--port', 'abc'], '--port must be an integer, got "abc"'],
    [['--port', '-1'], '--port needs a value'],
    [['--port'], '--port needs a value'],
    [['--alive-timeout', '1.5'], '--alive_timeout must be an integer'],
    [['--host', 'not a host'], '--host must be an IP address or a host name'],
    [['--path', '/../x'], '--path must be a URL path'],
    [['--key', 'a b'], '--key must be 1-128'],
    [['--allow_discovery=yes'], '--allow_discovery takes no value'],
    [
      ['--allow_discovery', '--no-allow-discovery'],
      '--allow_discovery and --no-allow_discovery cannot be given together',
    ],
    [['--port', '1', '--port', '2'], '--port given twice'],
    [['--port', '1', '--port=2'], '--port given twice'],
    [['--alive_timeout', '100', '--alive-timeout', '100'], '--alive_timeout given twice'],
    [['--bogus'], 'unknown option --bogus'],
    [['9000'], 'unexpected argument 9000'],
  ])('%j → %s', (args, message) => {
    expect(usageError(['serve', ...args])).toContain(message);
  });
});

describe('Parley flags', () => {
  it('reads name, mdns, log level and TLS files', () => {
    const config = serve(
      '--name',
      '  Design review ',
      '--no-mdns',
      '--mdns_interface',
      '192.168.1.5',
      '--log_level',
      'debug',
      '--tls-cert',
      'c.pem',
      '--tls_key',
      'k.pem',
      '--ice-config',
      'ice.json',
    );
    expect(config).toMatchObject({
      name: 'Design review',
      mdns: false,
      mdnsInterface: '192.168.1.5',
      logLevel: 'debug',
      tls: { mode: 'files', certFile: 'c.pem', keyFile: 'k.pem' },
      iceConfigFile: 'ice.json',
    });
    expect(serve('--tls-self-signed').tls).toEqual({ mode: 'self-signed' });
  });

  it('reads --web-root and --no-web', () => {
    expect(serve('--web-root', 'dist/app').web).toEqual({ mode: 'folder', root: 'dist/app' });
    expect(serve('--no-web').web).toEqual({ mode: 'off' });
    expect(usageError(['serve', '--no-web', '--web-root', 'x'])).toBe(
      '--no-web cannot be combined with --web-root',
    );
    expect(usageError(['serve', '--web-root', ' '])).toBe('--web-root needs a file name');
  });

  it('turns peer listing off with --no-allow_discovery (on by default)', () => {
    expect(serve().signaling.allowDiscovery).toBe(true);
    expect(serve('--no-allow_discovery').signaling.allowDiscovery).toBe(false);
    expect(serve('--no-allow-discovery').signaling.allowDiscovery).toBe(false);
  });

  it('binds --ice-username/--ice-credential to the --ice before them', () => {
    expect(
      serve(
        '--ice',
        'stun:stun.lan:3478',
        '--ice',
        'turn:turn.lan:3478?transport=udp',
        '--ice-username',
        'alice',
        '--ice_credential',
        's3cret',
        '--ice',
        'stuns:[::1]',
      ).iceServers,
    ).toEqual([
      { urls: ['stun:stun.lan:3478'] },
      { urls: ['turn:turn.lan:3478?transport=udp'], username: 'alice', credential: 's3cret' },
      { urls: ['stuns:[::1]'] },
    ]);
  });

  it.each([
    [['--name', ''], '--name must be non-empty'],
    [['--name', 'a\u0007b'], 'without control characters'],
    [['--name', 'x'.repeat(101)], 'at most 100 characters'],
    [['--mdns-interface', 'eth0'], '--mdns-interface must be an IPv4 address'],
    [['--log-level', 'loud'], '--log-level must be one of debug, info, warn, error, silent'],
    [['--tls-cert', 'c.pem'], '--tls-cert and --tls-key must be given together'],
    [['--tls-key', 'k.pem'], '--tls-cert and --tls-key must be given together'],
    [['--tls-self-signed', '--tls-cert', 'c', '--tls-key', 'k'], 'cannot be combined'],
    [['--tls-cert', ' ', '--tls-key', 'k'], '--tls-cert needs a file name'],
    [['--ice', 'http://x'], '--ice http://x: must start with stun:, stuns:, turn: or turns:'],
    [
      ['--ice', 'turn:t.lan'],
      'a TURN server needs both "username" and "credential" (add --ice-username',
    ],
    [['--ice-username', 'u'], '--ice-username must follow the --ice server'],
    [
      ['--ice', 'turn:t', '--ice-username', 'u', '--ice-username', 'v'],
      '--ice-username given twice',
    ],
    [['--no-mdns', '--no-mdns'], '--no-mdns given twice'],
  ])('%j → %s', (args, message) => {
    expect(usageError(['serve', ...args])).toContain(message);
  });
});

describe('usage', () => {
  it('lists every flag with its default', () => {
    const text = usage();
    for (const flag of [
      '--port <port>',
      '--alive_timeout <ms>',
      '--allow_discovery',
      '--max_queue_bytes',
      '--ice <url>',
      '--tls-self-signed',
      '--no-mdns',
      '--log-level',
    ]) {
      expect(text).toContain(flag);
    }
    expect(text).toContain('(default: 9000)');
    expect(text).toContain('(default: "Parley on <hostname>")');
  });
});
