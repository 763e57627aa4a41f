import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { WebHostBridge } from '../host/WebHostBridge';
import { provideAppHost } from './hostPort';
import { groupScreenSources, offersSystemAudio, useScreenPickerStore } from './screenPicker';
import { FakeHost, source } from './testing';

const SOURCES = [source('screen:1:0', 'Entire screen'), source('window:42:0', 'Notes')];

describe('screen sources', () => {
  it('splits screens from windows, keeping the host order', () => {
    const grouped = groupScreenSources([
      source('window:1:0', 'A'),
      source('screen:1:0', 'Screen 1'),
      source('window:2:0', 'B'),
    ]);
    expect(grouped.screen.map((s) => s.name)).toEqual(['Screen 1']);
    expect(grouped.window.map((s) => s.name)).toEqual(['A', 'B']);
  });

  it('offers system audio only when asked for and on Windows', () => {
    const request = { requestId: 'r', sources: SOURCES, audioRequested: true };
    expect(offersSystemAudio(request, 'win32')).toBe(true);
    expect(offersSystemAudio(request, 'linux')).toBe(false);
    expect(offersSystemAudio({ ...request, audioRequested: false }, 'win32')).toBe(false);
  });
});

describe('screen picker store', () => {
  let host: FakeHost;
  beforeEach(() => {
    setActivePinia(createPinia());
    host = new FakeHost();
    provideAppHost(host);
  });

  it('opens on a pick request and answers with the chosen source', async () => {
    const picker = useScreenPickerStore();
    picker.start();
    picker.start();
    expect(host.pickListeners).toBe(1);
    host.requestPick({ requestId: 'r1', sources: SOURCES, audioRequested: false });
    expect(picker.request?.requestId).toBe('r1');
    expect(picker.sources.window.map((s) => s.id)).toEqual(['window:42:0']);
    expect(picker.audioOffered).toBe(false);

    await picker.choose('window:42:0', true);
    expect(host.choices).toEqual([{ requestId: 'r1', sourceId: 'window:42:0', audio: false }]);
    expect(picker.request).toBeNull();
  });

  it('passes the audio choice where it is offered', async () => {
    host.platform = 'win32';
    const picker = useScreenPickerStore();
    picker.start();
    host.requestPick({ requestId: 'r1', sources: SOURCES, audioRequested: true });
    expect(picker.audioOffered).toBe(true);
    await picker.choose('screen:1:0', true);
    expect(host.choices).toEqual([{ requestId: 'r1', sourceId: 'screen:1:0', audio: true }]);
  });

  it('cancels with a null source, and ignores sources the request did not offer', async () => {
    const picker = useScreenPickerStore();
    picker.start();
    host.requestPick({ requestId: 'r1', sources: SOURCES, audioRequested: false });
    await picker.choose('screen:9:0');
    expect(host.choices).toEqual([]);
    expect(picker.request).not.toBeNull();
    await picker.cancel();
    expect(host.choices).toEqual([{ requestId: 'r1', sourceId: null, audio: false }]);
    expect(picker.request).toBeNull();
    await picker.cancel();
    expect(host.choices).toHaveLength(1);
  });

  it('closes when main cancels that request, and shows the newest request', () => {
    const picker = useScreenPickerStore();
    picker.start();
    host.requestPick({ requestId: 'r1', sources: SOURCES, audioRequested: false });
    host.requestPick({ requestId: 'r2', sources: SOURCES.slice(0, 1), audioRequested: false });
    host.cancelPick('r1');
    expect(picker.request?.requestId).toBe('r2');
    host.cancelPick('r2');
    expect(picker.request).toBeNull();
    picker.dispose();
    expect(host.pickListeners).toBe(0);
  });

  it('stays out of the way where the host has no picker of ours', () => {
    host.capabilities = { screenPicker: false };
    const picker = useScreenPickerStore();
    picker.start();
    expect(host.pickListeners).toBe(0);

    setActivePinia(createPinia());
    provideAppHost(
      new WebHostBridge(undefined, {
        origin: 'http://127.0.0.1:9000',
        port: '9000',
        protocol: 'http:',
        hostname: '127.0.0.1',
      }),
    );
    const web = useScreenPickerStore();
    web.start();
    expect(web.request).toBeNull();
  });
});
