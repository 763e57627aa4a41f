import { describe, expect, it } from 'vitest';
import { SETTINGS_SCHEMA_VERSION, defaultSettings } from '../../../shared/settings';
import { SETTINGS_STORAGE_KEY, WebHostBridge } from './WebHostBridge';

class MemoryStorage {
  readonly map = new Map<string, string>();
  getItem(k: string): string | null {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.map.set(k, v);
  }
}
const loc = {
  origin: 'http://10.0.0.2:9000',
  port: '9000',
  protocol: 'http:',
  hostname: '10.0.0.2',
};

describe('WebHostBridge', () => {
  it('persists settings in browser storage across instances', async () => {
    const storage = new MemoryStorage();
    const a = new WebHostBridge(storage, loc);
    expect((await a.getSettings()).displayName).toBe('');
    const seen: string[] = [];
    a.onSettingsChanged((s) => seen.push(s.displayName));
    await a.patchSettings({ displayName: 'Ada', devices: { cameraId: 'cam1' } });
    expect(seen).toEqual(['Ada']);
    const b = new WebHostBridge(storage, loc);
    const s = await b.getSettings();
    expect(s.displayName).toBe('Ada');
    expect(s.devices).toEqual({ cameraId: 'cam1', microphoneId: null, speakerId: null });
  });

  it('rejects invalid patches and keeps the old settings', async () => {
    const host = new WebHostBridge(new MemoryStorage(), loc);
    await expect(
      host.patchSettings({ iceServers: [{ urls: 'turn:x.example:3478' }] }),
    ).rejects.toMatchObject({
      type: 'invalid-settings',
      message: /TURN server needs a username and a credential/,
    });
    expect((await host.getSettings()).iceServers).toEqual([]);
  });

  it('falls back to defaults on corrupt storage and says so', async () => {
    const storage = new MemoryStorage();
    storage.setItem(SETTINGS_STORAGE_KEY, '{not json');
    const host = new WebHostBridge(storage, loc);
    expect((await host.getSettings()).theme).toBe('system');
    expect(host.warning).toMatch(/could not be read/);
  });

  it('migrates settings stored by an older version and stores them migrated', async () => {
    const storage = new MemoryStorage();
    const v2 = {
      schemaVersion: 2,
      displayName: 'Ada',
      devices: { cameraId: 'cam1', microphoneId: null, speakerId: null },
      iceServers: [{ urls: 'stun:10.0.0.1:3478' }],
      hosting: { enabled: true, port: 9000, meetingName: '' },
      shortcuts: { muteGlobal: '', pushToTalk: 'Space' },
      theme: 'dark',
    };
    storage.setItem(SETTINGS_STORAGE_KEY, JSON.stringify(v2));
    const host = new WebHostBridge(storage, loc);
    const s = await host.getSettings();
    expect(s).toEqual({
      ...v2,
      schemaVersion: SETTINGS_SCHEMA_VERSION,
      notifications: { chat: true, joins: true },
    });
    expect(host.warning).toBeNull();
    expect(JSON.parse(storage.getItem(SETTINGS_STORAGE_KEY)!)).toEqual(s);

    // A version 1 layout (flat) goes all the way.
    storage.setItem(SETTINGS_STORAGE_KEY, JSON.stringify({ name: 'Grace', theme: 'light' }));
    const old = await new WebHostBridge(storage, loc).getSettings();
    expect(old).toMatchObject({
      schemaVersion: SETTINGS_SCHEMA_VERSION,
      displayName: 'Grace',
      theme: 'light',
      notifications: { chat: true, joins: true },
    });
  });

  it('keeps the valid sections of stored settings and says which were reset', async () => {
    const storage = new MemoryStorage();
    storage.setItem(
      SETTINGS_STORAGE_KEY,
      JSON.stringify({ ...defaultSettings(), displayName: 'Ada', notifications: { chat: 1 } }),
    );
    const host = new WebHostBridge(storage, loc);
    const s = await host.getSettings();
    expect(s.displayName).toBe('Ada');
    expect(s.notifications).toEqual({ chat: true, joins: true });
    expect(host.warning).toMatch(/not valid.*notifications: chat/);
  });

  it('checks the page’s server with /health, and has no LAN list', async () => {
    const urls: string[] = [];
    const up = new WebHostBridge(undefined, loc, {
      fetch: (url) => {
        urls.push(url instanceof Request ? url.url : url.toString());
        return Promise.resolve(Response.json({ status: 'ok', version: '0.1.0' }));
      },
    });
    expect(await up.getServerStatus()).toMatchObject({
      state: 'running',
      port: 9000,
      localUrl: 'http://10.0.0.2:9000/',
      error: null,
    });
    expect(await up.getAppInfo()).toEqual({ version: '0.1.0', platform: 'web' });
    expect(urls[0]).toBe('http://10.0.0.2:9000/health');
    expect(await up.listLanMeetings()).toEqual([]);
    const down = new WebHostBridge(undefined, loc, {
      fetch: () => Promise.resolve(new Response('', { status: 503 })),
    });
    expect(await down.getServerStatus()).toMatchObject({
      state: 'failed',
      error: 'the server answered 503',
    });
  });

  it('persists device choices and refuses what a tab cannot do', async () => {
    const host = new WebHostBridge(new MemoryStorage(), loc);
    expect(await host.selectDevice({ kind: 'speaker', deviceId: 'spk' })).toEqual({
      cameraId: null,
      microphoneId: null,
      speakerId: 'spk',
    });
    await expect(
      host.chooseScreenSource({ requestId: 'r', sourceId: null, audio: false }),
    ).rejects.toMatchObject({ type: 'unsupported' });
    await expect(host.openExternal('file:///etc/passwd')).rejects.toMatchObject({
      type: 'invalid-arguments',
    });
  });

  it('takes the meeting server from the page and GET {path}parley/config', async () => {
    const urls: string[] = [];
    const host = new WebHostBridge(
      undefined,
      { ...loc, pathname: '/rtc/index.html' },
      {
        fetch: (url) => {
          urls.push(url instanceof Request ? url.url : url.toString());
          return Promise.resolve(
            Response.json({
              iceServers: [{ urls: ['turn:t.lan:3478'], username: 'u', credential: 'p' }],
              path: '/rtc/',
              key: 'k-1',
            }),
          );
        },
      },
    );
    expect(await host.getMeetingServer()).toEqual({
      server: { host: '10.0.0.2', port: 9000, path: '/rtc/', key: 'k-1', secure: false },
      iceServers: [{ urls: ['turn:t.lan:3478'], username: 'u', credential: 'p' }],
    });
    expect(urls).toEqual(['http://10.0.0.2:9000/rtc/parley/config']);
  });

  it('defaults path and key, and rejects a bad config with a clear error', async () => {
    const answer = (body: unknown) =>
      new WebHostBridge(
        undefined,
        { origin: 'https://h.lan', port: '', protocol: 'https:', hostname: 'h.lan' },
        { fetch: () => Promise.resolve(Response.json(body)) },
      ).getMeetingServer();
    expect(await answer({ iceServers: [], key: '../../x', path: 'nope' })).toEqual({
      server: { host: 'h.lan', port: 443, path: '/', key: 'peerjs', secure: true },
      iceServers: [],
    });
    await expect(answer({ iceServers: [{ urls: ['turn:x'] }] })).rejects.toMatchObject({
      type: 'not-available',
      message: /ICE servers are invalid/,
    });
    const down = new WebHostBridge(undefined, loc, {
      fetch: () => Promise.resolve(new Response('', { status: 404 })),
    });
    await expect(down.getMeetingServer()).rejects.toMatchObject({
      type: 'not-available',
      message: /answered 404/,
    });
  });

  it('lists the meeting of the page’s server as its LAN list', async () => {
    const host = new WebHostBridge(undefined, loc, {
      fetch: () =>
        Promise.resolve(
          Response.json({
            iceServers: [],
            path: '/',
            key: 'peerjs',
            meeting: { id: 'M._parley._tcp.local', name: 'Standup' },
          }),
        ),
    });
    expect(await host.listLanMeetings()).toEqual([
      {
        id: 'M._parley._tcp.local',
        name: 'Standup',
        host: '10.0.0.2',
        addresses: ['10.0.0.2'],
        port: 9000,
        path: '/',
        key: 'peerjs',
        secure: false,
        protocolVersion: '1',
      },
    ]);
    const none = new WebHostBridge(undefined, loc, {
      fetch: () => Promise.reject(new Error('offline')),
    });
    expect(await none.listLanMeetings()).toEqual([]);
  });
});
