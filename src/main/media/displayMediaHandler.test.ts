import { describe, expect, it } from 'vitest';
import type { ScreenSource, ScreenSourcesQuery } from '../../shared/ipc-contract';
import { silentLogger } from '../logging';
import {
  createDisplayMediaHandler,
  PICKER_THUMBNAIL,
  type DisplayMediaGrant,
} from './displayMediaHandler';
import { ScreenSharePicker } from './ScreenSharePicker';

const screen: ScreenSource = {
  id: 'screen:1:0',
  name: 'Entire screen',
  kind: 'screen',
  thumbnailDataUrl: 'data:image/png;base64,AA',
  appIconDataUrl: null,
};
const win: ScreenSource = { ...screen, id: 'window:42:0', name: 'Editor', kind: 'window' };

function setup(platform = 'linux', list?: () => Promise<readonly ScreenSource[]>) {
  const picker = new ScreenSharePicker({ newId: () => 'req-1' });
  const queries: ScreenSourcesQuery[] = [];
  const requests: { sources: string[]; audio: boolean }[] = [];
  picker.on('pick-request', (r) =>
    requests.push({ sources: r.sources.map((s) => s.id), audio: r.audioRequested }),
  );
  const handler = createDisplayMediaHandler({
    listSources:
      list ??
      ((q) => {
        queries.push(q);
        return Promise.resolve([screen, win]);
      }),
    picker,
    allowedOrigins: ['app://parley'],
    platform,
    logger: silentLogger,
  });
  const grants: DisplayMediaGrant[] = [];
  const ask = (securityOrigin: string, audioRequested = false, videoRequested = true) => {
    handler({ securityOrigin, videoRequested, audioRequested }, (g) => grants.push(g));
  };
  return { picker, queries, requests, grants, ask };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('display media request handler', () => {
  it('lists screens and windows with thumbnails, asks the picker, grants the chosen source', async () => {
    const { picker, queries, requests, grants, ask } = setup();
    ask('app://parley/');
    await tick();
    expect(queries).toEqual([{ types: ['screen', 'window'], thumbnailSize: PICKER_THUMBNAIL }]);
    expect(requests).toEqual([{ sources: ['screen:1:0', 'window:42:0'], audio: false }]);
    expect(grants).toEqual([]);
    expect(picker.choose('req-1', 'window:42:0', false)).toBe(true);
    expect(grants).toEqual([{ video: { id: 'window:42:0', name: 'Editor' } }]);
  });

  it('system audio only on Windows, and only when the page asked for it', async () => {
    const win32 = setup('win32');
    win32.ask('app://parley', true);
    await tick();
    win32.picker.choose('req-1', 'screen:1:0', true);
    expect(win32.grants).toEqual([
      { video: { id: 'screen:1:0', name: 'Entire screen' }, audio: 'loopback' },
    ]);
    const linux = setup('linux');
    linux.ask('app://parley', true);
    await tick();
    linux.picker.choose('req-1', 'screen:1:0', true);
    expect(linux.grants).toEqual([{ video: { id: 'screen:1:0', name: 'Entire screen' } }]);
  });

  it('denies a cancelled pick, an unknown source, other origins and audio-only requests', async () => {
    const cancelled = setup();
    cancelled.ask('app://parley');
    await tick();
    cancelled.picker.choose('req-1', null, false);
    expect(cancelled.grants).toEqual([null]);

    const unknown = setup();
    unknown.ask('app://parley');
    await tick();
    unknown.picker.choose('req-1', 'screen:99:0', false);
    expect(unknown.grants).toEqual([null]);

    const foreign = setup();
    foreign.ask('http://192.168.1.7:9000');
    foreign.ask('app://parley', true, false);
    await tick();
    expect(foreign.grants).toEqual([null, null]);
    expect(foreign.requests).toEqual([]);
  });

  it('denies when sources cannot be listed (macOS without screen-recording permission)', async () => {
    const { grants, ask, requests } = setup('darwin', () => Promise.reject(new Error('denied')));
    ask('app://parley');
    await tick();
    expect(grants).toEqual([null]);
    expect(requests).toEqual([]);
  });

  it('denies when the window goes away with the picker open', async () => {
    const { picker, grants, ask } = setup();
    ask('app://parley');
    await tick();
    picker.cancelAll();
    expect(grants).toEqual([null]);
  });
});
