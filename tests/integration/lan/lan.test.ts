/**
 * A real LAN of three hosts (../shared/lan-sim: network namespaces on a bridge, 10.77.0.0/24):
 * `parley serve` with HTTPS (self-signed) and mDNS on host A, Chromium on hosts B and C. Each
 * browser opens https://10.77.0.1, joins the meeting its LAN list shows (a browser cannot browse
 * mDNS, so its list is the serving server's meeting, named as its mDNS advert names it), and they
 * see each other's video and chat. nftables counters on every host prove that no packet left
 * 10.77.0.0/24 meanwhile (Chromium's own Google lookups are mapped away, DESIGN.md §6).
 * Needs root; skips with the reason otherwise.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAll, findChromium, launchChromium, openUser, type TestUser } from '../../support';
import { MeetingUser } from '../e2e-ui/MeetingUser';
import { killAll, requireBuild, startServe, type RunningServer } from '../serve/spawnServe';
import {
  LAN_HOSTS,
  inHost,
  lanSim,
  lanSimSkipReason,
  waitForAddresses,
  type LanHost,
} from './LanSim';
import { installOffLanCounters, readOffLanCounters } from './OffLanCounter';

const HOSTS: readonly LanHost[] = ['lanA', 'lanB', 'lanC'];
const MEETING = 'Parley LAN test';
const PORT = 9443;

const skip = lanSimSkipReason();
if (skip !== undefined) console.warn(`[skip] LAN test: ${skip}`);

describe.runIf(skip === undefined)('a meeting across a three-host LAN', () => {
  let dir: string;
  let server: RunningServer;
  const browsers: Browser[] = [];
  const pages: TestUser[] = [];
  const guests: MeetingUser[] = [];

  /** Chromium started inside `host`'s namespace (Playwright talks to it over a pipe). */
  async function browserOn(host: LanHost): Promise<Browser> {
    const wrapper = join(dir, `chromium-${host}`);
    writeFileSync(wrapper, `#!/bin/sh\nexec ip netns exec ${host} ${findChromium()} "$@"\n`);
    chmodSync(wrapper, 0o755);
    const browser = await launchChromium({ executablePath: wrapper });
    browsers.push(browser);
    return browser;
  }

  beforeAll(async () => {
    requireBuild();
    dir = mkdtempSync(join(tmpdir(), 'parley-lan-'));
    lanSim('up');
    await waitForAddresses(HOSTS);
    // The counters must see what they are meant to catch: one UDP packet to TEST-NET-1.
    installOffLanCounters(HOSTS);
    inHost('lanA', process.execPath, [
      '-e',
      "const s=require('dgram').createSocket('udp4');s.send('x',9,'192.0.2.1',()=>s.close())",
    ]);
    const probe = readOffLanCounters(['lanA'])[0];
    if (probe?.packets !== 1 || !probe.destinations.includes('192.0.2.1')) {
      throw new Error(`the off-LAN counters missed a probe packet: ${JSON.stringify(probe)}`);
    }
    installOffLanCounters(HOSTS); // fresh, at zero
    server = await startServe(
      [
        '--host',
        '0.0.0.0',
        '--port',
        String(PORT),
        '--tls-self-signed',
        '--name',
        MEETING,
        '--mdns-interface',
        LAN_HOSTS.lanA,
        '--log-level',
        'warn',
      ],
      30_000,
      ['ip', 'netns', 'exec', 'lanA'],
    );
    for (const host of ['lanB', 'lanC'] as const) {
      const browser = await browserOn(host);
      const name = host === 'lanB' ? 'Bea on B' : 'Cy on C';
      const chrome = {
        newUser: async (n: string, options?: Parameters<typeof openUser>[2]) => {
          // A fresh namespace may still settle (routes, addresses): one retry on that error.
          const page = await openUser(browser, n, options).catch((error: unknown) => {
            if (!String(error).includes('ERR_NETWORK_CHANGED')) throw error;
            return openUser(browser, n, options);
          });
          pages.push(page);
          return page;
        },
      };
      guests.push(
        await MeetingUser.open(chrome, name, `https://${LAN_HOSTS.lanA}:${PORT}/`, {
          ignoreHTTPSErrors: true,
        }),
      );
    }
  }, 180_000);

  afterAll(async () => {
    await closeAll([...pages.map((p) => () => p.close()), ...browsers.map((b) => () => b.close())]);
    await killAll();
    lanSim('down');
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('serves HTTPS on the LAN address and names its mDNS advert', async () => {
    expect(server.url).toBe(`https://0.0.0.0:${PORT}/`);
    expect(server.stdout()).toContain(`LAN:      https://${LAN_HOSTS.lanA}:${PORT}/`);
    // Read from host B; the id is the mDNS service name once the advert is out on the LAN.
    const readConfig = (): unknown =>
      JSON.parse(
        inHost('lanB', process.execPath, [
          '-e',
          `process.env.NODE_TLS_REJECT_UNAUTHORIZED='0';fetch('https://${LAN_HOSTS.lanA}:${PORT}/parley/config').then(r=>r.text()).then(t=>process.stdout.write(t))`,
        ]),
      );
    await expect.poll(readConfig, { timeout: 15_000 }).toMatchObject({
      meeting: { id: expect.stringMatching(/\._parley\._tcp\.local$/) as string, name: MEETING },
    });
  });

  it('lets browsers on two other hosts join from their LAN list and see each other', async () => {
    for (const guest of guests) {
      await guest.page
        .getByRole('button', { name: `Join ${MEETING}` })
        .waitFor({ timeout: 20_000 });
      await guest.page.getByRole('button', { name: `Join ${MEETING}` }).click();
      await guest.controls.waitFor({ timeout: 30_000 });
    }
    const [bea, cy] = guests as [MeetingUser, MeetingUser];
    expect(bea.page.url()).toBe(cy.page.url()); // the same meeting code
    await bea.waitForFrames(bea.tile(cy.name), `${cy.name}'s video`);
    await cy.waitForFrames(cy.tile(bea.name), `${bea.name}'s video`);
    await bea.sendChat('hello over the LAN');
    await expect.poll(() => cy.chatTexts()).toEqual(['hello over the LAN']);
  });

  it('sent no packet outside 10.77.0.0/24 from any host', () => {
    const reports = readOffLanCounters(HOSTS);
    for (const report of reports) {
      expect(report, `${report.host} sent packets off the LAN`).toEqual({
        host: report.host,
        packets: 0,
        destinations: [],
        lanUdpPackets: report.lanUdpPackets,
      });
    }
    // And the media went host to host over the LAN (UDP between 10.77.0.2 and 10.77.0.3).
    for (const host of ['lanB', 'lanC'] as const) {
      const report = reports.find((r) => r.host === host);
      expect(report?.lanUdpPackets, `${host}: UDP packets on the LAN`).toBeGreaterThan(100);
    }
  });
});
