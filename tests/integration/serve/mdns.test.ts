/**
 * `parley serve` advertises its meeting on the LAN and says goodbye when stopped. mDNS runs
 * pinned to loopback inside a private network namespace only (scripts/in-netns.mjs).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MeetingBrowser, type DiscoveredMeeting } from '../../../src/main/discovery';
import { netnsSkipReason, waitFor } from '../discovery/helpers';
import { killAll, logLines, startServe } from './spawnServe';

const skipReason = netnsSkipReason();
if (skipReason !== undefined) console.warn(`[serve mDNS tests skipped] ${skipReason}`);

afterEach(killAll);

describe.skipIf(skipReason !== undefined)('parley serve on the LAN (mDNS on loopback)', () => {
  it('advertises the meeting name, port and path, and says goodbye on SIGTERM', async () => {
    const browser = new MeetingBrowser({ interface: '127.0.0.1' });
    browser.start();
    try {
      const name = 'Friday demo. All hands';
      const up = waitFor<[DiscoveredMeeting]>(browser, 'up', (m) => m.name === name, 20_000);
      const server = await startServe([
        '--host',
        '127.0.0.1',
        '--port',
        '0',
        '--path',
        '/rtc',
        '--name',
        name,
        '--mdns-interface',
        '127.0.0.1',
      ]);
      const [meeting] = await up;
      expect(meeting).toMatchObject({
        port: server.port,
        path: '/rtc/',
        key: 'peerjs',
        secure: false,
      });
      expect(meeting.addresses).toContain('127.0.0.1');

      const down = waitFor<[DiscoveredMeeting]>(browser, 'down', (m) => m.id === meeting.id, 5000);
      server.child.kill('SIGTERM');
      await down;
      expect(await server.exited).toEqual({ code: 0, signal: null });
      const published = logLines(server.stderr()).find(
        (l) => l.msg === 'meeting advertised on the LAN',
      );
      expect(published).toMatchObject({ instanceName: 'Friday demo- All hands' });
    } finally {
      await browser.stop();
    }
  });
});
