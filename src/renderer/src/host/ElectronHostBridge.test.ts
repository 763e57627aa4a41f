import { describe, expect, it, vi } from 'vitest';
import { createParleyApi, type IpcRendererLike } from '../../../preload/api';
import type { IpcResult } from '../../../shared/ipc-contract';
import { defaultSettings } from '../../../shared/settings';
import type { AppHost } from '../stores/hostPort';
import { ElectronHostBridge, electronApi, toDeviceEntries } from './ElectronHostBridge';
import { HostError } from './HostBridge';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** Answers invokes from a table of envelopes and lets the test emit events (stand-in for ipcRenderer). */
function fakeIpc(replies: Record<string, IpcResult<unknown>>) {
  const listeners = new Map<string, Set<Listener>>();
  const ipc: IpcRendererLike = {
    invoke: (channel) =>
      Promise.resolve(
        replies[channel] ?? {
          ok: false,
          error: { type: 'unknown-channel', message: channel, issues: [] },
        },
      ),
    on: (channel, l) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(l)),
    removeListener: (channel, l) => listeners.get(channel)?.delete(l),
  };
  const emit = (channel: string, payload: unknown) => {
    for (const l of listeners.get(channel) ?? []) l({}, payload);
  };
  return { ipc, emit, listeners };
}

describe('ElectronHostBridge', () => {
  it('unwraps ok replies into values', async () => {
    const settings = defaultSettings();
    const { ipc } = fakeIpc({
      'settings:get': { ok: true, value: settings },
      'call:notify': { ok: true, value: true },
    });
    const bridge = new ElectronHostBridge(createParleyApi(ipc, 'linux'));
    await expect(bridge.getSettings()).resolves.toEqual(settings);
    await expect(bridge.notify({ kind: 'chat', title: 'Ada', body: 'hi' })).resolves.toBe(true);
    expect(bridge.platform).toBe('linux');
    expect(bridge.kind).toBe('electron');
  });

  it('turns error replies into HostErrors with type and issues', async () => {
    const { ipc } = fakeIpc({
      'settings:patch': {
        ok: false,
        error: {
          type: 'invalid-settings',
          message: 'invalid settings',
          issues: ['hosting.port: too small'],
        },
      },
    });
    const bridge = new ElectronHostBridge(createParleyApi(ipc, 'linux'));
    const error = await bridge.patchSettings({ hosting: { port: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect(error).toMatchObject({ type: 'invalid-settings', issues: ['hosting.port: too small'] });
  });

  it('relays events with payloads adapted and unsubscribes', () => {
    const { ipc, emit, listeners } = fakeIpc({});
    const bridge = new ElectronHostBridge(createParleyApi(ipc, 'linux'));
    const codes: string[] = [];
    const off = bridge.onJoinLink((c) => codes.push(c));
    emit('app:deep-link', { code: 'abc-defg-hjk' });
    const server = { host: '10.0.0.2', port: 9000, path: '/', key: 'peerjs', secure: false };
    const servers: unknown[] = [];
    const offServer = bridge.onJoinLink((_c, s) => servers.push(s));
    emit('app:deep-link', { code: 'bcd-efgh-jkm', server });
    offServer();
    off();
    emit('app:deep-link', { code: 'zzz' });
    expect(codes).toEqual(['abc-defg-hjk', 'bcd-efgh-jkm']);
    expect(servers).toEqual([server]);
    expect(listeners.get('app:deep-link')!.size).toBe(0);
  });

  it('reportCallState never throws into the UI; failures are logged', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { ipc } = fakeIpc({});
    const bridge = new ElectronHostBridge(createParleyApi(ipc, 'linux'));
    bridge.reportCallState({
      inCall: true,
      muted: false,
      cameraOn: true,
      screenSharing: false,
      handRaised: false,
      meetingName: null,
      participants: 2,
    });
    await vi.waitFor(() => {
      expect(warn).toHaveBeenCalled();
    });
    warn.mockRestore();
  });

  it('fits the stores port (AppHost) and is found on window.parley', () => {
    const api = createParleyApi(fakeIpc({}).ipc, 'darwin');
    const host: AppHost = new ElectronHostBridge(api);
    expect(host.kind).toBe('electron');
    expect(electronApi({ parley: api })).toBe(api);
    expect(electronApi({})).toBeNull();
  });
});

describe('ElectronHostBridge device reporting', () => {
  class FakeDevices extends EventTarget {
    list: MediaDeviceInfo[] = [];
    enumerateDevices(): Promise<MediaDeviceInfo[]> {
      return Promise.resolve(this.list);
    }
  }
  const device = (kind: MediaDeviceKind, deviceId: string, label = ''): MediaDeviceInfo => ({
    kind,
    deviceId,
    label,
    groupId: 'g',
    toJSON: () => ({}),
  });
  const idle = {
    inCall: false,
    muted: false,
    cameraOn: false,
    screenSharing: false,
    handRaised: false,
    meetingName: null,
    participants: 0,
  };

  it('maps enumerateDevices output to the contract, leaving out devices without an id', () => {
    expect(
      toDeviceEntries([
        device('videoinput', ''),
        device('audioinput', 'mic1', 'USB Mic'),
        device('audiooutput', 'default', 'Default'),
        device('videoinput', 'x'.repeat(600)),
      ]),
    ).toEqual([
      { kind: 'audioinput', deviceId: 'mic1', label: 'USB Mic' },
      { kind: 'audiooutput', deviceId: 'default', label: 'Default' },
    ]);
  });

  it('reports at start, on devicechange and with call-state reports, only when the list changed', async () => {
    const { ipc } = fakeIpc({
      'devices:report': { ok: true, value: undefined },
      'call:report-state': { ok: true, value: undefined },
    });
    const invoke = vi.spyOn(ipc, 'invoke');
    const reported = () =>
      invoke.mock.calls.filter(([c]) => c === 'devices:report').map(([, list]) => list);
    const media = new FakeDevices();
    media.list = [device('audioinput', '')]; // before permission: no ids
    const bridge = new ElectronHostBridge(createParleyApi(ipc, 'linux'), media);
    await vi.waitFor(() => {
      expect(reported()).toEqual([[]]);
    });

    media.list = [device('audioinput', 'mic1', 'Mic'), device('videoinput', 'cam1', 'Cam')];
    bridge.reportCallState({ ...idle, inCall: true });
    await vi.waitFor(() => {
      expect(reported()).toHaveLength(2);
    });
    expect(reported()[1]).toEqual([
      { kind: 'audioinput', deviceId: 'mic1', label: 'Mic' },
      { kind: 'videoinput', deviceId: 'cam1', label: 'Cam' },
    ]);

    bridge.reportCallState({ ...idle, inCall: true, muted: true }); // same devices: no report
    media.list = [device('audioinput', 'mic1', 'Mic')];
    media.dispatchEvent(new Event('devicechange'));
    await vi.waitFor(() => {
      expect(reported()).toHaveLength(3);
    });
    expect(reported()[2]).toEqual([{ kind: 'audioinput', deviceId: 'mic1', label: 'Mic' }]);

    bridge.dispose();
    media.list = [];
    media.dispatchEvent(new Event('devicechange'));
    await new Promise((r) => setTimeout(r, 20));
    expect(reported()).toHaveLength(3);
  });

  it('without media devices it reports nothing and never throws', () => {
    const { ipc } = fakeIpc({ 'call:report-state': { ok: true, value: undefined } });
    const invoke = vi.spyOn(ipc, 'invoke');
    const bridge = new ElectronHostBridge(createParleyApi(ipc, 'linux'), null);
    bridge.reportCallState(idle);
    expect(invoke.mock.calls.map(([c]) => c)).toEqual(['call:report-state']);
  });
});
