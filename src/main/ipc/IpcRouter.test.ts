import { describe, expect, it } from 'vitest';
import { ipcRequestChannels, type IpcRequestChannel } from '../../shared/ipc-contract';
import { createLogger } from '../logging';
import { IpcError } from './errors';
import { IpcRouter, type IpcMainLike } from './IpcRouter';
import { isTrustedSender, originOf, type SenderInfo } from './trustedSender';

type Listener = (event: unknown, ...args: unknown[]) => Promise<unknown>;

/** In-memory stand-in for ipcMain (Electron cannot run in unit tests). */
class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error('Attempted to register a second handler');
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(channel: string, sender: SenderInfo, ...args: unknown[]): Promise<unknown> {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`no handler for ${channel}`);
    return h(sender, ...args);
  }
}

function setup() {
  const lines: { level: string; msg: string }[] = [];
  const logger = createLogger({
    level: 'debug',
    sink: (l) => lines.push(JSON.parse(l) as { level: string; msg: string }),
  });
  const ipcMain = new FakeIpcMain();
  const policy = { webContentsIds: new Set([7]), origins: ['app://parley'] };
  const router = new IpcRouter({
    ipcMain,
    senderOf: (event) => event as SenderInfo,
    isTrusted: (s) => isTrustedSender(s, policy),
    logger,
  });
  return { ipcMain, router, lines };
}

const ours: SenderInfo = { webContentsId: 7, frameUrl: 'app://parley/index.html#/lobby' };

describe('trusted sender', () => {
  it('needs both our webContents and our origin', () => {
    const policy = {
      webContentsIds: new Set([7]),
      origins: ['app://parley', 'http://localhost:5173'],
    };
    expect(isTrustedSender(ours, policy)).toBe(true);
    expect(isTrustedSender({ webContentsId: 7, frameUrl: 'http://localhost:5173/' }, policy)).toBe(
      true,
    );
    expect(isTrustedSender({ webContentsId: 8, frameUrl: ours.frameUrl }, policy)).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frameUrl: 'https://evil.example/' }, policy)).toBe(
      false,
    );
    expect(isTrustedSender({ webContentsId: 7, frameUrl: 'app://parley.evil/' }, policy)).toBe(
      false,
    );
    expect(isTrustedSender({ webContentsId: 7, frameUrl: 'file:///tmp/x.html' }, policy)).toBe(
      false,
    );
    expect(isTrustedSender({ webContentsId: 7, frameUrl: null }, policy)).toBe(false);
  });
  it('builds origins for custom schemes', () => {
    expect(originOf('app://Parley/x')).toBe('app://parley');
    expect(originOf('about:blank')).toBeNull();
    expect(originOf('not a url')).toBeNull();
  });
});

describe('IpcRouter', () => {
  it('answers a valid request with an ok envelope', async () => {
    const { ipcMain, router } = setup();
    router.register({ 'app:get-info': () => ({ version: '1.0.0', platform: 'linux' }) });
    await expect(ipcMain.invoke('app:get-info', ours)).resolves.toEqual({
      ok: true,
      value: { version: '1.0.0', platform: 'linux' },
    });
  });

  it('refuses untrusted senders without running the handler, and logs it', async () => {
    const { ipcMain, router, lines } = setup();
    let ran = false;
    router.register({ 'app:get-info': () => ((ran = true), { version: '1', platform: 'x' }) });
    const reply = await ipcMain.invoke('app:get-info', {
      webContentsId: 7,
      frameUrl: 'https://evil.example/',
    });
    expect(reply).toMatchObject({ ok: false, error: { type: 'untrusted-sender' } });
    expect(ran).toBe(false);
    expect(lines.some((l) => l.level === 'warn' && /untrusted/.test(l.msg))).toBe(true);
  });

  it('rejects invalid arguments with the field named, for every channel', async () => {
    const { ipcMain, router } = setup();
    const fail = () => {
      throw new Error('handler must not run');
    };
    router.register(Object.fromEntries(ipcRequestChannels.map((c) => [c, fail])) as never);
    const bad: Record<IpcRequestChannel, unknown> = {
      'settings:get': { sneaky: true },
      'settings:patch': { hosting: { port: 70000 } },
      'devices:report': [{ deviceId: 'a', kind: 'printer', label: '' }],
      'devices:select': { kind: 'camera' },
      'call:report-state': { inCall: 'yes' },
      'call:notify': { kind: 'chat', title: '', body: 'x' },
      'server:get-status': 1,
      'discovery:list': 'all',
      'screen:list-sources': { types: [], thumbnailSize: { width: 1, height: 1 } },
      'screen:choose': { requestId: 'r', sourceId: 5, audio: false },
      'app:open-external': { url: 42 },
      'app:get-info': null,
    };
    for (const channel of ipcRequestChannels) {
      const reply = (await ipcMain.invoke(channel, ours, bad[channel])) as {
        ok: boolean;
        error: { type: string; issues: string[] };
      };
      expect(reply.ok, channel).toBe(false);
      expect(reply.error.type, channel).toBe('invalid-arguments');
      expect(reply.error.issues.length, channel).toBeGreaterThan(0);
    }
  });

  it('refuses extra arguments', async () => {
    const { ipcMain, router } = setup();
    router.register({ 'settings:get': () => ({}) as never });
    await expect(ipcMain.invoke('settings:get', ours, undefined, 'extra')).resolves.toMatchObject({
      ok: false,
      error: { type: 'invalid-arguments' },
    });
  });

  it('turns typed errors into typed replies and unknown errors into a generic failure', async () => {
    const { ipcMain, router, lines } = setup();
    router.register({
      'app:get-info': () => {
        throw new IpcError('not-available', 'nope', ['x']);
      },
      'server:get-status': () => {
        throw new TypeError('secret internals');
      },
    });
    await expect(ipcMain.invoke('app:get-info', ours)).resolves.toEqual({
      ok: false,
      error: { type: 'not-available', message: 'nope', issues: ['x'] },
    });
    const reply = (await ipcMain.invoke('server:get-status', ours)) as {
      error: { message: string };
    };
    expect(reply).toMatchObject({ ok: false, error: { type: 'failed' } });
    expect(reply.error.message).not.toMatch(/secret/);
    expect(lines.some((l) => l.level === 'error')).toBe(true);
  });

  it('registers a channel once and removes all on dispose', () => {
    const { ipcMain, router } = setup();
    router.register({ 'app:get-info': () => ({ version: '1', platform: 'x' }) });
    expect(() => {
      router.register({ 'app:get-info': () => ({ version: '1', platform: 'x' }) });
    }).toThrow(/twice/);
    router.dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });
});
