/**
 * The three-host LAN of ../shared/lan-sim/lan-sim.sh (namespaces lanA/lanB/lanC on 10.77.0.1-3,
 * bridge lanBR) for tests that need real separate hosts. Needs root and iproute2; the check
 * says why it cannot run (printed by the test as its skip reason).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const LAN_HOSTS = { lanA: '10.77.0.1', lanB: '10.77.0.2', lanC: '10.77.0.3' } as const;
export type LanHost = keyof typeof LAN_HOSTS;

const ROOT = resolve(import.meta.dirname, '../../..');
/** lan-sim.sh: $LAN_SIM, else ../shared/lan-sim beside the repository. */
export const LAN_SIM_SCRIPT = process.env.LAN_SIM ?? resolve(ROOT, '../shared/lan-sim/lan-sim.sh');

function ok(cmd: string, args: readonly string[]): boolean {
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  return !r.error && r.status === 0;
}

/** Why the LAN cannot be built here, or undefined when it can. */
export function lanSimSkipReason(): string | undefined {
  if (process.platform !== 'linux') return 'network namespaces need Linux';
  if (process.getuid?.() !== 0) return 'lan-sim needs root (CI runs `npm test` as root)';
  if (!existsSync(LAN_SIM_SCRIPT)) return `lan-sim.sh not found at ${LAN_SIM_SCRIPT} (set LAN_SIM)`;
  if (!ok('ip', ['-V'])) return 'iproute2 (`ip`) is not installed';
  if (!ok('nft', ['--version']))
    return 'nftables (`nft`) is not installed: apt-get install nftables';
  if (ok('ip', ['netns', 'pids', 'lanA'])) {
    return 'lan-sim is already up (another test or a person is using it; if it is stale: lan-sim.sh down)';
  }
  const probe = `parley-probe-${process.pid}`;
  if (!ok('ip', ['netns', 'add', probe])) {
    return 'cannot create network namespaces here (inside a user namespace? in-netns.mjs uses `unshare -n` as root)';
  }
  ok('ip', ['netns', 'del', probe]);
  return undefined;
}

/** Runs lan-sim.sh; throws with its output when it fails. */
export function lanSim(...args: string[]): void {
  const r = spawnSync('bash', [LAN_SIM_SCRIPT, ...args], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(`lan-sim.sh ${args.join(' ')} failed (${String(r.status)}): ${r.stderr}`, {
      cause: r.error,
    });
  }
}

/** Runs a command in a host's namespace and returns its stdout; throws when it fails. */
export function inHost(
  host: LanHost | 'lanBR',
  cmd: string,
  args: readonly string[],
  input?: string,
): string {
  const r = spawnSync('ip', ['netns', 'exec', host, cmd, ...args], {
    encoding: 'utf8',
    ...(input !== undefined ? { input } : {}),
  });
  if (r.error || r.status !== 0) {
    throw new Error(`[${host}] ${cmd} ${args.join(' ')} failed: ${r.stderr}`, { cause: r.error });
  }
  return r.stdout;
}

/**
 * Waits until no host has a tentative (IPv6 duplicate-address-detection) address left: Chromium
 * started before that sees the addresses change and fails navigations with ERR_NETWORK_CHANGED.
 */
export async function waitForAddresses(
  hosts: readonly LanHost[],
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const tentative = hosts.filter(
      (host) => inHost(host, 'ip', ['-6', 'addr', 'show', 'tentative']).trim() !== '',
    );
    if (tentative.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(`addresses still tentative after ${timeoutMs} ms on ${tentative.join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
