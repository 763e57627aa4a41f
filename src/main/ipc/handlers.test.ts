import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IDLE_CALL_STATE, type ScreenSource } from '../../shared/ipc-contract';
import { CallStateModel } from '../app/CallStateModel';
import { silentLogger } from '../logging';
import { ScreenSharePicker } from '../media/ScreenSharePicker';
import { SettingsStore } from '../settings/SettingsStore';
import { createAppHandlers } from './appHandlers';
import { createCallHandlers } from './callHandlers';
import { createDevicesHandlers } from './devicesHandlers';
import { IpcRouter, type IpcHandlers } from './IpcRouter';
import { createScreenHandlers } from './screenHandlers';
import { createServerHandlers } from './serverHandlers';
import { createSettingsHandlers } from './settingsHandlers';
import type { IpcRequestChannel } from '../../shared/ipc-contract';

const sender = { webContentsId: 1, frameUrl: 'app://parley/index.html' };
const router = new IpcRouter({
  ipcMain: { handle: () => undefined, removeHandler: () => undefined },
  senderOf: () => sender,
  isTrusted: () => true,
  logger: silentLogger,
});
/** Runs one channel through the real validation + handler path. */
function call<C extends IpcRequestChannel>(handlers: IpcHandlers<C>, channel: C, arg?: unknown) {
  return router.dispatch(channel, sender, arg === undefined ? [] : [arg], handlers[channel]);
}

let dir: string;
let store: SettingsStore;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-ipc-'));
  store = new SettingsStore({ dir });
  await store.load();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('settings handlers', () => {
  it('gets and patches, reporting schema problems as invalid-settings', async () => {
    const h = createSettingsHandlers(store);
    expect(await call(h, 'settings:get')).toMatchObject({ ok: true, value: { theme: 'system' } });
    expect(await call(h, 'settings:patch', { displayName: 'Ada' })).toMatchObject({
      ok: true,
      value: { displayName: 'Ada' },
    });
    expect(await call(h, 'settings:patch', { iceServers: [{ urls: 'turn:x.lan' }] })).toMatchObject(
      {
        ok: false,
        error: { type: 'invalid-arguments' },
      },
    );
  });
});

describe('devices handlers', () => {
  it('stores reported devices in the model and persists a selection', async () => {
    const model = new CallStateModel();
    const h = createDevicesHandlers(store, model);
    const devices = [{ deviceId: 'cam1', kind: 'videoinput', label: 'Webcam' }] as const;
    expect(await call(h, 'devices:report', devices)).toEqual({ ok: true, value: undefined });
    expect(model.devices).toEqual(devices);
    expect(await call(h, 'devices:select', { kind: 'camera', deviceId: 'cam1' })).toEqual({
      ok: true,
      value: { cameraId: 'cam1', microphoneId: null, speakerId: null },
    });
    const reread = new SettingsStore({ dir });
    expect((await reread.load()).settings.devices.cameraId).toBe('cam1');
    expect(await call(h, 'devices:select', { kind: 'speaker', deviceId: null })).toMatchObject({
      ok: true,
    });
  });
});

describe('call handlers', () => {
  it('updates the model and asks the notifier', async () => {
    const model = new CallStateModel();
    const shown: string[] = [];
    const h = createCallHandlers(model, { notify: (n) => (shown.push(n.title), true) });
    const state = { ...IDLE_CALL_STATE, inCall: true, muted: true, participants: 3 };
    expect(await call(h, 'call:report-state', state)).toEqual({ ok: true, value: undefined });
    expect(model.state).toEqual(state);
    expect(await call(h, 'call:notify', { kind: 'join', title: 'Ada joined', body: '' })).toEqual({
      ok: true,
      value: true,
    });
    expect(shown).toEqual(['Ada joined']);
  });
});

describe('server handlers', () => {
  it('returns the status and the LAN meetings', async () => {
    const status = {
      state: 'running',
      port: 9001,
      localUrl: 'http://127.0.0.1:9001/',
      lanUrls: [],
      addresses: [],
      error: null,
    } as const;
    const h = createServerHandlers({ status: () => status, meetings: () => [] });
    expect(await call(h, 'server:get-status')).toEqual({ ok: true, value: status });
    expect(await call(h, 'discovery:list')).toEqual({ ok: true, value: [] });
  });
});

describe('screen handlers', () => {
  const source: ScreenSource = {
    id: 'screen:0:0',
    name: 'Screen 1',
    kind: 'screen',
    thumbnailDataUrl: '',
    appIconDataUrl: null,
  };
  it('lists sources and reports a listing failure as not-available', async () => {
    const picker = new ScreenSharePicker();
    const ok = createScreenHandlers(() => Promise.resolve([source]), picker);
    const query = { types: ['screen'], thumbnailSize: { width: 320, height: 180 } };
    expect(await call(ok, 'screen:list-sources', query)).toEqual({ ok: true, value: [source] });
    const broken = createScreenHandlers(() => Promise.reject(new Error('no permission')), picker);
    expect(await call(broken, 'screen:list-sources', query)).toMatchObject({
      ok: false,
      error: { type: 'not-available' },
    });
  });
  it('passes the choice to the pending request once', async () => {
    const picker = new ScreenSharePicker({ newId: () => 'req-1' });
    const decisions: unknown[] = [];
    picker.request([source], false, (d) => decisions.push(d));
    const h = createScreenHandlers(() => Promise.resolve([]), picker);
    expect(
      await call(h, 'screen:choose', { requestId: 'req-1', sourceId: 'screen:0:0', audio: true }),
    ).toEqual({ ok: true, value: undefined });
    expect(decisions).toEqual([{ sourceId: 'screen:0:0', audio: false }]);
    expect(
      await call(h, 'screen:choose', { requestId: 'req-1', sourceId: null, audio: false }),
    ).toMatchObject({
      ok: false,
      error: { type: 'invalid-arguments' },
    });
  });
});

describe('app handlers', () => {
  it('opens only http(s) links', async () => {
    const opened: string[] = [];
    const h = createAppHandlers((u) => (opened.push(u), Promise.resolve()), {
      version: '0.1.0',
      platform: 'linux',
    });
    expect(await call(h, 'app:open-external', { url: 'https://example.org/help' })).toEqual({
      ok: true,
      value: undefined,
    });
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'parley://join/x',
      'https://u:p@host/',
    ]) {
      expect(await call(h, 'app:open-external', { url })).toMatchObject({
        ok: false,
        error: { type: 'invalid-arguments' },
      });
    }
    expect(opened).toEqual(['https://example.org/help']);
    expect(await call(h, 'app:get-info')).toEqual({
      ok: true,
      value: { version: '0.1.0', platform: 'linux' },
    });
  });
});
