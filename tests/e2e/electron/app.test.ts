/**
 * The real desktop app under Playwright's `_electron`: launch, lobby, hosting, IPC hardening,
 * mute from the application menu reaching the page and back, clean quit. Each test gets a fresh
 * profile (PARLEY_USER_DATA). Skipped, with the reason printed, when the Electron binary is not
 * installed (it cannot be downloaded on machines without internet).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/buildOutput';
import { findElectronBinary, REPO_ROOT } from '../support/electronBinary';

const binary = findElectronBinary();
if (!binary.ok) console.warn(`[skip] Electron specs: ${binary.reason}`);

interface ParleyWindow {
  parley: {
    call: {
      reportState(state: object): Promise<{ ok: boolean }>;
      onCommand(cb: (c: string) => void): () => void;
    };
    server: {
      getStatus(): Promise<{ ok: boolean; value: { state: string; port: number | null } }>;
    };
    settings: { patch(p: object): Promise<{ ok: boolean; error?: { type: string } }> };
  };
  commands: string[];
}

describe.skipIf(!binary.ok)('Parley desktop app (Electron)', () => {
  let profile: string;
  let app: ElectronApplication;
  let page: Page;
  let port: number;

  beforeAll(() => {
    ensureBuilt();
  });

  beforeEach(async () => {
    profile = mkdtempSync(join(tmpdir(), 'parley-e2e-'));
    // A free-ish port of its own so tests never meet a developer's running Parley.
    port = 20_000 + Math.floor(Math.random() * 20_000);
    writeFileSync(
      join(profile, 'settings.json'),
      JSON.stringify({ schemaVersion: 2, hosting: { enabled: true, port, meetingName: 'E2E' } }),
    );
    app = await _electron.launch({
      executablePath: binary.ok ? binary.path : '',
      args: [
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        join(REPO_ROOT, 'out/main/index.js'),
      ],
      env: {
        ...process.env,
        PARLEY_USER_DATA: profile,
        PARLEY_LOG_LEVEL: 'warn',
        ELECTRON_RENDERER_URL: '',
      },
      timeout: 60_000,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  afterEach(async () => {
    await app.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  });

  it('launches from app://parley with the lobby showing', async () => {
    expect(page.url()).toMatch(/^app:\/\/parley\//);
    expect(await page.title()).toBe('Parley');
    await page.getByRole('heading', { name: 'Ready to meet?' }).waitFor({ timeout: 30_000 });
  });

  it('keeps the page sandboxed: no Node, only the named API', async () => {
    const shape = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      api: Object.keys((globalThis as unknown as ParleyWindow).parley).sort(),
    }));
    expect(shape).toEqual({
      require: 'undefined',
      process: 'undefined',
      api: ['app', 'call', 'devices', 'discovery', 'platform', 'screen', 'server', 'settings'],
    });
    const bad = await page.evaluate(() =>
      (globalThis as unknown as ParleyWindow).parley.settings.patch({ hosting: { port: 1 } }),
    );
    expect(bad).toMatchObject({ ok: false, error: { type: 'invalid-arguments' } });
  });

  it('hosts a meeting: the signaling server answers on the configured port', async () => {
    const status = await page.evaluate(async () => {
      const w = globalThis as unknown as ParleyWindow;
      for (;;) {
        const reply = await w.parley.server.getStatus();
        if (reply.value.state !== 'starting' && reply.value.state !== 'stopped') return reply.value;
        await new Promise((r) => setTimeout(r, 100));
      }
    });
    expect(status.state).toBe('running');
    expect(status.port).toBeGreaterThanOrEqual(port);
    const res = await fetch(`http://127.0.0.1:${String(status.port)}/`);
    expect(res.ok).toBe(true);
  });

  it('mute from the Call menu reaches the page, and the reported state relabels the menu', async () => {
    await page.evaluate(async () => {
      const w = globalThis as unknown as ParleyWindow;
      w.commands = [];
      w.parley.call.onCommand((c) => w.commands.push(c));
      await w.parley.call.reportState({
        inCall: true,
        muted: false,
        cameraOn: true,
        screenSharing: false,
        handRaised: false,
        meetingName: 'E2E',
        participants: 1,
      });
    });
    await app.evaluate(({ Menu }) => {
      Menu.getApplicationMenu()?.getMenuItemById('call.mute')?.click();
    });
    await page.waitForFunction(() =>
      (globalThis as unknown as ParleyWindow).commands.includes('toggle-mute'),
    );
    await page.evaluate(() =>
      (globalThis as unknown as ParleyWindow).parley.call.reportState({
        inCall: true,
        muted: true,
        cameraOn: true,
        screenSharing: false,
        handRaised: false,
        meetingName: 'E2E',
        participants: 1,
      }),
    );
    const label = await app.evaluate(
      ({ Menu }) => Menu.getApplicationMenu()?.getMenuItemById('call.mute')?.label,
    );
    expect(label).toBe('Unmute Microphone');
  });

  it('quits cleanly: exit code 0 and the server port released', async () => {
    const exited = new Promise<number | null>((resolve) =>
      app.process().once('exit', (code) => {
        resolve(code);
      }),
    );
    await app.evaluate(({ app: electronApp }) => {
      electronApp.quit();
    });
    expect(await exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${String(port)}/`)).rejects.toThrow();
  });
});
