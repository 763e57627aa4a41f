/**
 * Data transfers and lifecycle between real Chromium pages on our server: every data type per
 * serialization, 16 MiB messages (Parley ↔ Parley and with peerjs), bounded sender memory under
 * backpressure, close with flush, ICE restart, destroy releasing everything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  requireNetns,
  useChromium,
  waitForPage,
  type StaticServer,
  type TestUser,
} from '../../support';
import { labPair, startParleyServer, startSite, type ServerInfo } from './fixtures';
import './labTypes';

const MiB = 1024 * 1024;

describe.runIf(requireNetns('peer transfers'))('peer data transfers and lifecycle', () => {
  const chrome = useChromium();
  let site: StaticServer;
  let server: ServerInfo;

  beforeAll(async () => {
    site = await startSite();
    server = await startParleyServer();
  });
  afterAll(async () => {
    await server.close();
    await site.close();
  });

  /** alice (kind a) connects to bob (kind b); returns both users and both connection keys. */
  async function connected(
    a: string,
    b: string,
    tag: string,
    options: object,
  ): Promise<{ alice: TestUser; bob: TestUser; out: string; inc: string }> {
    const { alice, bob, bobId } = await labPair(chrome, site, server, a, b, tag);
    const out = await alice.page.evaluate(([id, o]) => globalThis.lab.connect('alice', id, o), [
      bobId,
      options,
    ] as const);
    await waitForPage(alice, (k) => globalThis.lab.has(`${k}:open`), out, { description: 'open' });
    const inc = await waitForPage(
      bob,
      () => Object.keys(globalThis.lab.conns).find((k) => globalThis.lab.conns[k]?.open),
      undefined,
    );
    return { alice, bob, out, inc };
  }

  for (const serialization of ['binary', 'MsgPack'] as const) {
    it(`${serialization}: every data type round-trips between Parley peers`, async () => {
      const { alice, bob, out, inc } = await connected(
        'parley',
        'parley',
        `types-${serialization}`,
        { serialization },
      );
      await alice.page.evaluate((k) => {
        const c = globalThis.lab.conns[k];
        if (!c) throw new Error('no conn');
        for (const v of [
          'str',
          '',
          'ünï€😀',
          0,
          -1.5,
          2 ** 40,
          true,
          null,
          [1, [2, 'x']],
          { a: { b: [null, 1] } },
        ])
          void c.send(v);
        void c.send(new Uint8Array([1, 2, 3]).buffer);
        void c.send(new Uint8Array([4, 5, 6]));
        void c.send(new Blob([new Uint8Array([7, 8])]));
      }, out);
      const got = await waitForPage(
        bob,
        (k) => {
          const r = globalThis.lab.received[k] ?? [];
          if (r.length < 13) return undefined;
          return r.map((v) =>
            v instanceof ArrayBuffer
              ? { bytes: [...new Uint8Array(v)] }
              : ArrayBuffer.isView(v)
                ? { bytes: [...new Uint8Array(v.buffer, v.byteOffset, v.byteLength)] }
                : v,
          );
        },
        inc,
        { description: '13 values' },
      );
      expect(got.slice(0, 10)).toEqual([
        'str',
        '',
        'ünï€😀',
        0,
        -1.5,
        2 ** 40,
        true,
        null,
        [1, [2, 'x']],
        { a: { b: [null, 1] } },
      ]);
      expect(got.slice(10)).toEqual([
        { bytes: [1, 2, 3] },
        { bytes: [4, 5, 6] },
        { bytes: [7, 8] },
      ]);
    });
  }

  for (const [a, b] of [
    ['parley', 'parley'],
    ['parley', 'peerjs'],
    ['peerjs', 'parley'],
  ] as const) {
    it(`a 16 MiB binary message from ${a} to ${b} arrives intact`, async () => {
      const { alice, bob, out, inc } = await connected(a, b, `big-${a}-${b}`, {
        serialization: 'binary',
        reliable: true,
      });
      const sent = await alice.page.evaluate(
        ([k, size]) => {
          const bytes = globalThis.lab.pattern(size, 7);
          void globalThis.lab.conns[k]?.send(bytes.buffer);
          return globalThis.lab.checksum(bytes);
        },
        [out, 16 * MiB] as const,
      );
      const received = await waitForPage(
        bob,
        (k) => {
          // peerjs hands reassembled chunked binaries over as Uint8Array.
          const v = globalThis.lab.received[k]?.[0];
          if (v instanceof ArrayBuffer) return globalThis.lab.checksum(v);
          return v instanceof Uint8Array ? globalThis.lab.checksum(v) : undefined;
        },
        inc,
        { description: '16 MiB message', timeoutMs: 90_000 },
      );
      expect(received).toBe(sent);
    }, 120_000);
  }

  it('64 MiB as 64 KiB buffers: bounded queue, every byte delivered in order, close flushes', async () => {
    const { alice, bob, out, inc } = await connected('parley', 'parley', 'bulk', {
      serialization: 'raw',
      reliable: true,
    });
    await bob.page.evaluate((k) => {
      const state = { bytes: 0, hash: 0x811c9dc5 };
      (globalThis as unknown as { bulk: typeof state }).bulk = state;
      globalThis.lab.received[k] = [];
      const c = globalThis.lab.conns[k] as unknown as {
        on(e: string, f: (d: ArrayBuffer) => void): void;
      };
      c.on('data', (d) => {
        const v = new Uint8Array(d);
        for (let i = 0; i < v.length; i++)
          state.hash = Math.imul(state.hash ^ v[i]!, 16777619) >>> 0;
        state.bytes += v.length;
      });
    }, inc);
    const result = await alice.page.evaluate(
      async ([k, total]) => {
        const c = globalThis.lab.conns[k];
        if (!c) throw new Error('no conn');
        const chunk = 64 * 1024;
        const started = performance.now();
        let hash = 0x811c9dc5;
        let maxQueued = 0;
        for (let sent = 0, n = 0; sent < total; sent += chunk, n++) {
          const bytes = globalThis.lab.pattern(chunk, n + 1);
          for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i]!, 16777619) >>> 0;
          await c.send(bytes);
          maxQueued = Math.max(maxQueued, c.bufferSize + c.bufferedAmount);
        }
        c.close(); // flushes by default
        return { hash, maxQueued, ms: performance.now() - started };
      },
      [out, 64 * MiB] as const,
    );
    expect(result.maxQueued).toBeLessThanOrEqual(5 * MiB);
    console.log(
      `64 MiB raw: handed to the channel in ${Math.round(result.ms)} ms ` +
        `(${((64 * MiB) / 1e6 / (result.ms / 1000)).toFixed(1)} MB/s incl. pattern generation), ` +
        `peak queued ${(result.maxQueued / MiB).toFixed(2)} MiB`,
    );
    await waitForPage(bob, (k) => globalThis.lab.has(`${k}:close`), inc, {
      description: 'close after flush',
      timeoutMs: 90_000,
    });
    const got = await bob.page.evaluate(
      () => (globalThis as unknown as { bulk: { bytes: number; hash: number } }).bulk,
    );
    expect(got).toEqual({ bytes: 64 * MiB, hash: result.hash });
  }, 150_000);

  it('restartIce() between Parley peers renegotiates ICE and the channel keeps working', async () => {
    const { alice, bob, out, inc } = await connected('parley', 'parley', 'ice', {
      serialization: 'json',
      reliable: true,
    });
    const ufrag = (u: TestUser, k: string): Promise<string | undefined> =>
      u.page.evaluate(
        (key) =>
          /a=ice-ufrag:(\S+)/.exec(
            globalThis.lab.conns[key]?.peerConnection?.remoteDescription?.sdp ?? '',
          )?.[1],
        k,
      );
    const before = await ufrag(bob, inc);
    expect(await alice.page.evaluate((k) => globalThis.lab.conns[k]?.restartIce(), out)).toBe(true);
    await waitForPage(
      bob,
      ([k, old]) => {
        const u = /a=ice-ufrag:(\S+)/.exec(
          globalThis.lab.conns[k]?.peerConnection?.remoteDescription?.sdp ?? '',
        )?.[1];
        return u !== undefined && u !== old;
      },
      [inc, before] as const,
      { description: 'new remote ICE credentials' },
    );
    await waitForPage(
      alice,
      (k) =>
        ['connected', 'completed'].includes(
          globalThis.lab.conns[k]?.peerConnection?.iceConnectionState ?? '',
        ),
      out,
    );
    await alice.page.evaluate((k) => globalThis.lab.conns[k]?.send({ after: 'restart' }), out);
    await waitForPage(bob, (k) => globalThis.lab.received[k]?.length === 1, inc);
    expect(await ufrag(bob, inc)).not.toBe(before);
  });

  it('destroy() closes every connection on both sides and releases the peer', async () => {
    const { alice, bob, out, inc } = await connected('parley', 'parley', 'destroy', {
      serialization: 'json',
    });
    await alice.page.evaluate(() => {
      globalThis.lab.peers.alice?.destroy();
    });
    const state = await alice.page.evaluate((k) => {
      const p = globalThis.lab.peers.alice;
      const c = globalThis.lab.conns[k];
      return {
        destroyed: p?.destroyed,
        open: p?.open,
        disconnected: p?.disconnected,
        connections: Object.keys(p?.connections ?? {}).length,
        connOpen: c?.open,
        pc: c?.peerConnection ?? null,
        dc: c?.dataChannel ?? null,
        closed: globalThis.lab.has(`${k}:close`) && globalThis.lab.has('alice:close'),
      };
    }, out);
    expect(state).toEqual({
      destroyed: true,
      open: false,
      disconnected: true,
      connections: 0,
      connOpen: false,
      pc: null,
      dc: null,
      closed: true,
    });
    await waitForPage(bob, (k) => globalThis.lab.has(`${k}:close`), inc, {
      description: 'remote sees the close',
    });
    expect(
      await bob.page.evaluate(
        () => Object.keys(globalThis.lab.peers.bob?.connections ?? {}).length,
      ),
    ).toBe(0);
  });
});
