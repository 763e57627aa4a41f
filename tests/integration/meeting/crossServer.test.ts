/**
 * Joining a meeting that is on another machine's server: two signaling servers on different
 * ports stand for two machines on a LAN. Server B is the desktop app's embedded server (with
 * {path}parley/config) on a non-default path and key; server A is a plain signaling server (no
 * config route). A meeting runs on B; a participant whose own server is A and who knows B only
 * as a "discovered" LAN entry joins by code; others join with a parley:// link and an http link
 * that carry the server; a code that runs nowhere fails with meeting-not-found. Data only (no
 * camera): what is tested is where people meet, and the media tests run next to this file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedServer, type EmbeddedServer } from '../../../src/main/app/embeddedServer';
import { silentLogger } from '../../../src/main/logging';
import { MeetingCode } from '../../../src/renderer/src/meeting/MeetingCode';
import { evaluateIn, requireNetns, useChromium, type StaticServer } from '../../support';
import { RestartableServer, joinAs, joined, startSite, waitForRoster } from './fixtures';

let counter = 0;
function freshCode(): string {
  const letters = 'abcdefghjkmnpqrstuvwxyz';
  let x = Date.now() * 7 + counter++ * 104_729;
  let raw = '';
  for (let i = 0; i < 10; i += 1, x = Math.floor(x / 5) + i * 17) raw += letters.charAt(x % 23);
  return MeetingCode.format(raw);
}

describe.runIf(requireNetns('meeting across servers'))('meeting on another LAN server', () => {
  const chrome = useChromium();
  let site: StaticServer;
  const serverA = new RestartableServer();
  let serverB: EmbeddedServer;
  const addressB = () => ({
    host: '127.0.0.1',
    port: serverB.port,
    path: '/meet/',
    key: 'lan-b',
    secure: false,
  });

  beforeAll(async () => {
    site = await startSite();
    await serverA.start();
    serverB = await startEmbeddedServer({
      signaling: {
        host: '127.0.0.1',
        port: 0,
        path: '/meet/',
        key: 'lan-b',
        allowDiscovery: true,
        aliveTimeout: 10_000,
      },
      iceServers: () => [],
      logger: silentLogger,
    });
  });
  afterAll(async () => {
    await serverB.close();
    await serverA.stop();
    await site.close();
  });

  it('finds the meeting by code on a discovered server, and joins by links naming the server', async () => {
    const code = freshCode();
    const hana = await joined(chrome, site, 'hana', {
      code,
      create: true,
      server: addressB(),
      media: false,
    });

    // Dan's own server is A; B is one of the servers found on the LAN (next to a dead one).
    const dead = { host: '127.0.0.1', port: 9, path: '/', key: 'peerjs', secure: false };
    const dan = await joined(chrome, site, 'dan', {
      code,
      create: false,
      server: serverA.address,
      search: [dead, addressB()],
      media: false,
    });
    expect(await evaluateIn(dan.user, () => globalThis.MeetingLab.lab.server(), undefined)).toEqual(
      addressB(),
    );
    expect(await serverA.ids()).toEqual([]);

    // Lee has only the app link (with B in it): no own server, nothing discovered.
    const link = MeetingCode.appLink(code, addressB());
    expect(link).toContain(`host=127.0.0.1&port=${serverB.port}&path=%2Fmeet%2F&key=lan-b`);
    const lee = await joined(chrome, site, 'lee', { code: '', create: false, link, media: false });

    // Wes pastes a web link: host, port and path from the URL, the key from B's config.
    const wes = await joined(chrome, site, 'wes', {
      code: '',
      create: false,
      link: `http://127.0.0.1:${serverB.port}/meet/#/join/${code.replaceAll('-', '')}`,
      media: false,
    });
    expect(await evaluateIn(wes.user, () => globalThis.MeetingLab.lab.server(), undefined)).toEqual(
      addressB(),
    );

    const all = [hana, dan, lee, wes];
    for (const me of all) {
      await waitForRoster(
        me.user,
        all.filter((o) => o !== me).map((o) => o.id),
      );
    }

    // A code that runs nowhere: every server asked, meeting-not-found.
    const lost = await joinAs(chrome, site, 'lost', {
      code: freshCode(),
      create: false,
      server: serverA.address,
      search: [addressB()],
      media: false,
    });
    expect(lost.result).toMatchObject({ ok: false, type: 'meeting-not-found' });
    if (!lost.result.ok) expect(lost.result.message).toMatch(/any of the 2 meeting servers/);

    // A link with a bad server part is refused before anything is asked.
    const bad = await joinAs(chrome, site, 'bad', {
      code: '',
      create: false,
      link: `parley://join/${code}?host=127.0.0.1&port=99999`,
      media: false,
    });
    expect(bad.result).toMatchObject({ ok: false, type: 'invalid-code' });
  });
});
