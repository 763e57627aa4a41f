import { describe, expect, it } from 'vitest';
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
    ).rejects.toThrow(/TURN server needs a username and a credential/);
    expect((await host.getSettings()).iceServers).toEqual([]);
  });

  it('falls back to defaults on corrupt storage and says so', async () => {
    const storage = new MemoryStorage();
    storage.setItem(SETTINGS_STORAGE_KEY, '{not json');
    const host = new WebHostBridge(storage, loc);
    expect((await host.getSettings()).theme).toBe('system');
    expect(host.warning).toMatch(/could not be read/);
  });

  it('reports the page origin as the running server, and no LAN list', async () => {
    const host = new WebHostBridge(undefined, loc);
    expect(await host.getServerStatus()).toMatchObject({
      state: 'running',
      port: 9000,
      localUrl: 'http://10.0.0.2:9000/',
    });
    expect(await host.listLanMeetings()).toEqual([]);
  });
});
