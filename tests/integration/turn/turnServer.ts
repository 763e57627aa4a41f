/**
 * A real TURN server for the tests: Debian's coturn (`turnserver`) on loopback with one
 * long-term-credential user (DESIGN.md §6). Started on free ports with an empty config file
 * (Debian's default config logs to syslog), its state (pid file, user db, log) in a temp folder,
 * and killed after.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { createSocket } from 'node:dgram';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface TurnServer {
  readonly host: string;
  /** UDP and TCP port of the TURN listener. */
  readonly port: number;
  readonly username: string;
  readonly password: string;
  readonly realm: string;
  /** `turn:127.0.0.1:<port>?transport=udp` */
  readonly url: string;
  /** Everything coturn printed so far (for failure messages). */
  log(): string;
  /** Stops it (SIGTERM, then SIGKILL after 3 s) and removes its temp folder. */
  close(): Promise<void>;
}

/** The path of `turnserver`, or undefined when it is not installed. */
export function findTurnserver(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = [...(env.PATH ?? '').split(delimiter), '/usr/bin', '/usr/sbin', '/usr/local/bin'];
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = join(dir, 'turnserver');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** True when `turnserver` is installed; otherwise prints why the suite is skipped. */
export function requireTurnserver(suite: string): boolean {
  if (findTurnserver() !== undefined) return true;
  console.warn(
    `[skip] ${suite}: \`turnserver\` is not installed (Debian/Ubuntu: apt-get install coturn)`,
  );
  return false;
}

/** A port that is free for both TCP and UDP on `host` right now. */
async function freePort(host: string): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, host, () => {
        const address = server.address();
        server.close(() => {
          resolve(typeof address === 'object' && address ? address.port : 0);
        });
      });
    });
    const udpFree = await new Promise<boolean>((resolve) => {
      const socket = createSocket('udp4');
      socket.once('error', () => {
        socket.close();
        resolve(false);
      });
      socket.bind(port, host, () => {
        socket.close(() => {
          resolve(true);
        });
      });
    });
    if (port > 0 && udpFree) return port;
  }
  throw new Error('no port free for both TCP and UDP');
}

/** Resolves once a TCP connection to host:port succeeds (coturn listens on TCP and UDP). */
async function waitForListener(
  host: string,
  port: number,
  child: ChildProcess,
  log: () => string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`turnserver exited (${child.exitCode ?? child.signalCode}):\n${log()}`);
    }
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, host);
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => {
        socket.destroy();
        resolve(false);
      });
    });
    // Listening is not yet serving: coturn opens its listeners once the relay ports are ready.
    if (ok && /Total (UDP|General) servers|IPv4\. UDP listener opened/i.test(log())) return;
    if (Date.now() > deadline) {
      throw new Error(`turnserver did not listen on ${host}:${port} in ${timeoutMs} ms:\n${log()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Starts coturn on 127.0.0.1 with user `username:password` in `realm`. */
export async function startTurnServer(
  options: { username?: string; password?: string; realm?: string } = {},
): Promise<TurnServer> {
  const binary = findTurnserver();
  if (binary === undefined) throw new Error('turnserver is not installed');
  const host = '127.0.0.1';
  const username = options.username ?? 'parley';
  const password = options.password ?? 'turn-secret';
  const realm = options.realm ?? 'parley.test';
  const dir = await mkdtemp(join(tmpdir(), 'parley-turn-'));
  const config = join(dir, 'empty.conf');
  await writeFile(config, '');
  const port = await freePort(host);
  // Relay ports: a small range above the listener (coturn prepares every port of the range).
  const relayMin = 40_000 + Math.floor(Math.random() * 20_000);
  const args = [
    '-c',
    config,
    `--listening-ip=${host}`,
    `--relay-ip=${host}`,
    `--listening-port=${port}`,
    `--min-port=${relayMin}`,
    `--max-port=${relayMin + 200}`,
    '--lt-cred-mech',
    `--user=${username}:${password}`,
    `--realm=${realm}`,
    '--no-tls',
    '--no-dtls',
    '--no-cli',
    '--allow-loopback-peers',
    '--verbose',
    '--log-file=stdout',
    '--simple-log',
    `--pidfile=${join(dir, 'turnserver.pid')}`,
    `--userdb=${join(dir, 'turndb')}`,
  ];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const append = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  const log = (): string => output;

  const close = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await waitForListener(host, port, child, log);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    host,
    port,
    username,
    password,
    realm,
    url: `turn:${host}:${port}?transport=udp`,
    log,
    close,
  };
}
