/**
 * The relay path, for real: coturn on loopback (DESIGN.md §6), two Parley peers (our client in
 * Chromium, on our signaling server) with `iceTransportPolicy: 'relay'`, so the only way their
 * data can flow is through TURN allocations. getStats() proves the selected candidate pair is
 * relay on both ends; coturn's log shows the allocations and the permissions they used.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeAll,
  evaluateIn,
  requireNetns,
  useChromium,
  waitForPage,
  type StaticServer,
  type TestUser,
} from '../../support';
import { SCRIPTS, startParleyServer, startSite, type ServerInfo } from '../peer/fixtures';
import { requireTurnserver, startTurnServer, type TurnServer } from './turnServer';

import '../peer/labTypes';

/** What the selected candidate pair of a connection is made of. */
interface SelectedPair {
  state: string;
  local: { candidateType: string; address: string; port: number; relayProtocol: string | null };
  remote: { candidateType: string; address: string; port: number };
  localTypes: string[];
  bytesSent: number;
  bytesReceived: number;
}

/** In the page: the selected pair of lab connection `key`, from getStats(). */
async function selectedPair(user: TestUser, key: string): Promise<SelectedPair> {
  return evaluateIn(
    user,
    async (k) => {
      const conn = globalThis.lab.conns[k];
      const pc = conn?.peerConnection as unknown as RTCPeerConnection | null | undefined;
      if (!pc) throw new Error(`no peer connection for ${k}`);
      const report = await pc.getStats();
      const byId = new Map<string, Record<string, unknown>>();
      report.forEach((s: Record<string, unknown>) => byId.set(String(s.id), s));
      const stats = [...byId.values()];
      const transport = stats.find((s) => s.type === 'transport');
      const pair =
        byId.get(String(transport?.selectedCandidatePairId)) ??
        stats.find((s) => s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded');
      if (!pair) throw new Error('no selected candidate pair');
      const local = byId.get(String(pair.localCandidateId));
      const remote = byId.get(String(pair.remoteCandidateId));
      if (!local || !remote) throw new Error('selected pair without its candidates');
      return {
        state: String(pair.state),
        local: {
          candidateType: String(local.candidateType),
          address: String(local.address ?? local.ip),
          port: Number(local.port),
          relayProtocol: typeof local.relayProtocol === 'string' ? local.relayProtocol : null,
        },
        remote: {
          candidateType: String(remote.candidateType),
          address: String(remote.address ?? remote.ip),
          port: Number(remote.port),
        },
        localTypes: [
          ...new Set(
            stats.filter((s) => s.type === 'local-candidate').map((s) => String(s.candidateType)),
          ),
        ],
        bytesSent: Number(pair.bytesSent ?? 0),
        bytesReceived: Number(pair.bytesReceived ?? 0),
      };
    },
    key,
  );
}

describe.runIf(requireNetns('TURN relay') && requireTurnserver('TURN relay'))(
  'TURN relay between two Parley peers (coturn on loopback)',
  () => {
    const chrome = useChromium();
    let site: StaticServer;
    let signaling: ServerInfo;
    let turn: TurnServer;

    const closers: (() => Promise<void>)[] = [];

    beforeAll(async () => {
      site = await startSite();
      closers.push(() => site.close());
      signaling = await startParleyServer();
      closers.push(() => signaling.close());
      turn = await startTurnServer({
        username: 'alice-and-bob',
        password: 's3cret',
        realm: 'parley.test',
      });
      closers.push(() => turn.close());
    }, 60_000);
    afterAll(() => closeAll(closers));

    async function user(name: string): Promise<TestUser> {
      const u = await chrome.newUser(name, { server: site, scripts: SCRIPTS });
      await u.page.evaluate(
        (s) => {
          globalThis.lab.server = s;
        },
        { host: signaling.host, port: signaling.port, path: signaling.path, key: signaling.key },
      );
      return u;
    }

    it('connects with iceTransportPolicy "relay", exchanges data, and the selected pair is relay', async () => {
      const config = {
        iceServers: [{ urls: turn.url, username: turn.username, credential: turn.password }],
        iceTransportPolicy: 'relay',
      };
      const alice = await user('alice');
      const bob = await user('bob');
      await bob.page.evaluate(
        (c) => globalThis.lab.makePeer('bob', 'parley', 'bob-turn', { config: c }),
        config,
      );
      await alice.page.evaluate(
        (c) => globalThis.lab.makePeer('alice', 'parley', undefined, { config: c }),
        config,
      );

      const key = await alice.page.evaluate(() =>
        globalThis.lab.connect('alice', 'bob-turn', { serialization: 'json', label: 'relay' }),
      );
      await waitForPage(alice, (k) => globalThis.lab.has(`${k}:open`), key, {
        description: 'the data connection open through the relay',
        timeoutMs: 30_000,
      });
      const bobKey = await waitForPage(
        bob,
        () => Object.keys(globalThis.lab.conns).find((k) => globalThis.lab.conns[k]?.open) ?? '',
        undefined,
        { description: "bob's side of the connection open" },
      );

      // Data both ways: a small message, then 40 kB in messages larger than one TURN packet
      // (a JSON channel takes at most ~16 kB per message).
      const big = 'r'.repeat(10_000);
      await alice.page.evaluate(
        ([k, text]) => {
          const c = globalThis.lab.conns[k];
          void c?.send({ hello: 'bob', n: 1 });
          for (let i = 0; i < 4; i += 1) void c?.send(`${i}${text}`);
        },
        [key, big] as const,
      );
      const atBob = await waitForPage(
        bob,
        (k) => {
          const got = globalThis.lab.received[k] ?? [];
          return got.length >= 5 ? got : null;
        },
        bobKey,
        { description: 'bob receives every message' },
      );
      expect(atBob[0]).toEqual({ hello: 'bob', n: 1 });
      expect(atBob.slice(1)).toEqual([0, 1, 2, 3].map((i) => `${i}${big}`));
      await bob.page.evaluate((k) => void globalThis.lab.conns[k]?.send('hi alice'), bobKey);
      const atAlice = await waitForPage(
        alice,
        (k) => {
          const got = globalThis.lab.received[k] ?? [];
          return got.length >= 1 ? got : null;
        },
        key,
        { description: 'alice receives the reply' },
      );
      expect(atAlice).toEqual(['hi alice']);

      // Both ends: the selected pair is relay ↔ relay, on coturn's relay address, over UDP, and
      // no other kind of local candidate was even gathered.
      for (const [who, k] of [
        [alice, key],
        [bob, bobKey],
      ] as const) {
        const pair = await selectedPair(who, k);
        expect(pair, who.name).toMatchObject({
          state: 'succeeded',
          local: { candidateType: 'relay', address: '127.0.0.1', relayProtocol: 'udp' },
          remote: { candidateType: 'relay', address: '127.0.0.1' },
          localTypes: ['relay'],
        });
        // 40 kB went from alice to bob over this pair.
        const carried = who === alice ? pair.bytesSent : pair.bytesReceived;
        expect(carried, who.name).toBeGreaterThan(40_000);
        // The relayed port is one of coturn's relay ports, not the listener.
        expect(pair.local.port, who.name).not.toBe(turn.port);
      }

      // coturn saw both users' allocations (authenticated) and the channel/permission to the peer.
      expect(turn.log()).toMatch(/user <alice-and-bob>/);
      expect(turn.log()).toMatch(/ALLOCATE processed, success/);
      expect(turn.log()).toMatch(/(CREATE_PERMISSION|CHANNEL_BIND) processed, success/);
    });
  },
);
