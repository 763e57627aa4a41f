/**
 * A small test LAN for link drops: hosts in network namespaces of their own, each with an
 * `eth0` plugged into a bridge of the test's namespace (which owns the bridge address, where the
 * test's servers listen). A Chromium launched through `host.executable` runs inside its host, so
 * two hosts' pages reach each other only over the bridge, and `drop(host)` cuts that host's
 * cable (its bridge port goes down; addresses and routes stay, as when a Wi-Fi link drops).
 *
 * Needs what scripts/in-netns.mjs gives: a private network namespace in which we are root (a
 * user namespace is enough). lanSkipReason() says why it cannot be built elsewhere.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { netnsSkipReason } from '../../support';

/** One simulated machine. */
export interface LanHost {
  readonly name: string;
  /** Its address on the LAN. */
  readonly address: string;
  /** A script that runs Chromium (the given executable) inside this host's namespace. */
  readonly executable: string;
}

export interface Lan {
  /** The test namespace's address on the LAN (bind servers here). */
  readonly gateway: string;
  readonly hosts: readonly LanHost[];
  /** Takes a host's link down. */
  drop(host: LanHost): void;
  /** Brings it back up. */
  restore(host: LanHost): void;
  /** Removes the namespaces, links and scripts. Safe to call twice. */
  close(): void;
}

const SUBNET = '10.98.0';

function run(command: string, args: readonly string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function has(command: string): boolean {
  try {
    run('sh', ['-c', `command -v ${command}`]);
    return true;
  } catch {
    return false;
  }
}

/** Why a LAN cannot be built here, or undefined when it can (probed by building a tiny one). */
export function lanSkipReason(): string | undefined {
  const netns = netnsSkipReason();
  if (netns !== undefined) return netns;
  if (process.platform !== 'linux')
    return `network namespaces need Linux (this is ${process.platform})`;
  const missing = ['ip', 'unshare', 'nsenter', 'sleep'].filter((c) => !has(c));
  if (missing.length > 0) return `missing commands: ${missing.join(', ')} (iproute2, util-linux)`;
  // Only ever touch a private namespace: one with nothing but loopback (in-netns.mjs's).
  const links = run('ip', ['-o', 'link', 'show'])
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(':')[1]?.trim() ?? '');
  const foreign = links.filter((name) => name !== 'lo');
  if (foreign.length > 0) {
    return `this network namespace has interfaces besides loopback (${foreign.join(', ')}): not the private one of scripts/in-netns.mjs`;
  }
  let probe: Lan | undefined;
  try {
    probe = createLan(['probe']);
    return undefined;
  } catch (error) {
    const text = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return `cannot create network namespaces, a bridge and veth links here (${text})`;
  } finally {
    probe?.close();
  }
}

function netnsOf(pid: number | 'self'): string {
  return readlinkSync(`/proc/${pid}/ns/net`);
}

/** Starts a process holding a new network namespace; waits until it is inside it. */
function holder(): ChildProcess & { pid: number } {
  const child = spawn('unshare', ['-n', 'sleep', '100000'], { stdio: 'ignore' });
  const pid = child.pid;
  if (pid === undefined) throw new Error('unshare did not start');
  const ours = netnsOf('self');
  const until = Date.now() + 5000;
  for (;;) {
    let theirs: string | undefined;
    try {
      theirs = netnsOf(pid);
    } catch {
      theirs = undefined; // not started yet, or exited
    }
    if (child.exitCode !== null) throw new Error(`unshare -n exited with ${child.exitCode}`);
    if (theirs !== undefined && theirs !== ours) return child as ChildProcess & { pid: number };
    if (Date.now() > until) {
      child.kill();
      throw new Error('unshare -n did not enter a new network namespace');
    }
    run('sleep', ['0.02']);
  }
}

/** Builds the LAN: one namespace per name, on a bridge whose address is `gateway`. */
export function createLan(names: readonly string[], chromium = '/usr/bin/chromium'): Lan {
  const tag = `${process.pid % 10000}${Math.floor(Math.random() * 100)}`;
  const bridge = `pbr${tag}`;
  const holders: ChildProcess[] = [];
  const links: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'parley-lan-'));
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    for (const link of [...links, bridge]) {
      try {
        run('ip', ['link', 'del', link]);
      } catch {
        // Already gone (a veth goes with its namespace).
      }
    }
    for (const child of holders) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run('ip', ['link', 'add', bridge, 'type', 'bridge']);
    run('ip', ['addr', 'add', `${SUBNET}.1/24`, 'dev', bridge]);
    run('ip', ['link', 'set', bridge, 'up']);
    const hosts = names.map((name, i): LanHost & { link: string } => {
      const child = holder();
      holders.push(child);
      const link = `pv${tag}${i}`;
      const address = `${SUBNET}.${i + 2}`;
      run('ip', [
        'link',
        'add',
        link,
        'type',
        'veth',
        'peer',
        'name',
        'eth0',
        'netns',
        String(child.pid),
      ]);
      links.push(link);
      run('ip', ['link', 'set', link, 'master', bridge]);
      run('ip', ['link', 'set', link, 'up']);
      run('nsenter', [
        '-t',
        String(child.pid),
        '-n',
        'sh',
        '-c',
        [
          'ip link set lo up',
          `ip addr add ${address}/24 dev eth0`,
          'ip link set eth0 up',
          // Chromium gathers no ICE candidates without a default route.
          `ip route add default via ${SUBNET}.1`,
        ].join(' && '),
      ]);
      const executable = join(dir, `chromium-${name}.sh`);
      writeFileSync(
        executable,
        `#!/bin/sh\nexec nsenter -t ${child.pid} -n -- ${JSON.stringify(chromium)} "$@"\n`,
      );
      chmodSync(executable, 0o755);
      return { name, address, executable, link };
    });
    const linkOf = (host: LanHost): string => {
      const found = hosts.find((h) => h.name === host.name);
      if (!found) throw new Error(`no host ${host.name} on this LAN`);
      return found.link;
    };
    return {
      gateway: `${SUBNET}.1`,
      hosts,
      drop: (host) => {
        run('ip', ['link', 'set', linkOf(host), 'down']);
      },
      restore: (host) => {
        run('ip', ['link', 'set', linkOf(host), 'up']);
      },
      close,
    };
  } catch (error) {
    close();
    throw error;
  }
}
