#!/usr/bin/env node
/**
 * Runs a command inside a private network namespace that has only loopback (DESIGN.md §6), so
 * Chromium's WebRTC and mDNS tests never touch the machine's real network interfaces.
 *
 *   node scripts/in-netns.mjs <command> [args...]
 *
 * Tries `unshare -rn` (no root needed where user namespaces are allowed), then `unshare -n`
 * (root); as root, `unshare -n` first. Inside: loopback up, multicast enabled on it, and a multicast route, so mDNS stays on
 * 127.0.0.1. Where neither works (macOS, Windows, locked-down Linux) the command runs as it is,
 * with a warning; set PARLEY_NETNS=off to choose that on purpose.
 * The child sees PARLEY_NETNS=1 when it runs inside the namespace.
 */
import { spawnSync } from 'node:child_process';

const argv = process.argv.slice(2);
if (argv.length === 0) {
  console.error('usage: node scripts/in-netns.mjs <command> [args...]');
  process.exit(2);
}

const quote = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;
const setup = [
  'ip link set lo up',
  'ip link set lo multicast on 2>/dev/null || true',
  'ip route add 224.0.0.0/4 dev lo 2>/dev/null || true',
].join(' && ');
const inner = `${setup} && export PARLEY_NETNS=1 && exec ${argv.map(quote).join(' ')}`;

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  return r.error ? null : (r.status ?? (r.signal ? 128 : 1));
}

function canUnshare(flags) {
  const r = spawnSync('unshare', [...flags, 'sh', '-c', 'ip link set lo up'], { stdio: 'ignore' });
  return !r.error && r.status === 0;
}

if (process.env.PARLEY_NETNS === '1') {
  process.exit(run(argv[0], argv.slice(1)) ?? 1); // already inside
}
if (process.env.PARLEY_NETNS !== 'off' && process.platform === 'linux') {
  // As root, a plain `unshare -n` first: the command keeps root's capabilities, so tests that
  // build their own namespaces (the LAN test's `ip netns`, lan-sim.sh) can run from inside.
  const isRoot = process.getuid?.() === 0;
  for (const flags of isRoot ? [['-n'], ['-rn']] : [['-rn'], ['-n']]) {
    if (canUnshare(flags)) process.exit(run('unshare', [...flags, 'sh', '-c', inner]) ?? 1);
  }
  console.warn(
    '[in-netns] could not create a private network namespace (unshare -rn / -n failed);\n' +
      '[in-netns] running on the host network. WebRTC tests may offer non-loopback candidates.',
  );
}
process.exit(run(argv[0], argv.slice(1)) ?? 1);
