import { describe, expect, it } from 'vitest';
import { ipcRequestChannels, type IpcEventChannel } from '../shared/ipc-contract';
import { createParleyApi, type IpcRendererLike } from './api';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** Records invokes and lets the test emit main→renderer events (stand-in for ipcRenderer). */
class FakeIpcRenderer implements IpcRendererLike {
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  readonly listeners = new Map<string, Set<Listener>>();
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return Promise.resolve({ ok: true, value: channel });
  }
  on(channel: string, listener: Listener): void {
    const set = this.listeners.get(channel) ?? new Set();
    set.add(listener);
    this.listeners.set(channel, set);
  }
  removeListener(channel: string, listener: Listener): void {
    this.listeners.get(channel)?.delete(listener);
  }
  emit(channel: IpcEventChannel, payload: unknown): void {
    for (const l of this.listeners.get(channel) ?? []) l({ sender: 'secret' }, payload);
  }
}

describe('preload api', () => {
  it('binds each method to one contract channel, covering every request channel', async () => {
    const ipc = new FakeIpcRenderer();
    const api = createParleyApi(ipc, 'linux');
    await api.settings.get();
    await api.settings.patch({ theme: 'dark' });
    await api.devices.report([{ deviceId: 'a', kind: 'audioinput', label: 'Mic' }]);
    await api.devices.select({ kind: 'microphone', deviceId: 'a' });
    await api.call.reportState({
      inCall: false,
      muted: false,
      cameraOn: false,
      screenSharing: false,
      handRaised: false,
      meetingName: null,
      participants: 0,
    });
    await api.call.notify({ kind: 'chat', title: 'Ada', body: 'hi' });
    await api.server.getStatus();
    await api.discovery.list();
    await api.screen.listSources({ types: ['screen'], thumbnailSize: { width: 160, height: 90 } });
    await api.screen.choose({ requestId: 'r', sourceId: null, audio: false });
    await api.app.openExternal('https://example.org');
    await api.app.getInfo();
    expect(ipc.invoked.map((i) => i.channel).sort()).toEqual([...ipcRequestChannels].sort());
    expect(ipc.invoked.find((i) => i.channel === 'settings:get')!.args).toEqual([]);
    expect(ipc.invoked.find((i) => i.channel === 'app:open-external')!.args).toEqual([
      { url: 'https://example.org' },
    ]);
    expect(api.platform).toBe('linux');
  });

  it('on* passes only the payload and returns a working unsubscribe', () => {
    const ipc = new FakeIpcRenderer();
    const api = createParleyApi(ipc, 'linux');
    const got: unknown[][] = [];
    const off = api.call.onCommand((...args: unknown[]) => got.push(args));
    ipc.emit('call:command', 'toggle-mute');
    off();
    ipc.emit('call:command', 'leave');
    expect(got).toEqual([['toggle-mute']]);
    expect(ipc.listeners.get('call:command')!.size).toBe(0);
  });

  it('exposes no generic send/invoke/on', () => {
    const api = createParleyApi(new FakeIpcRenderer(), 'linux');
    const names = Object.values(api).flatMap((v) => (typeof v === 'object' ? Object.keys(v) : []));
    for (const generic of ['send', 'invoke', 'on', 'emit', 'ipcRenderer'])
      expect(names).not.toContain(generic);
  });
});
