import { describe, expect, it, vi } from 'vitest';
import type { ScreenSource } from '../../shared/ipc-contract';
import { ScreenSharePicker, type ScreenPickDecision } from './ScreenSharePicker';
import { toScreenSource } from './screenSources';

const screen: ScreenSource = {
  id: 'screen:1:0',
  name: 'Entire screen',
  kind: 'screen',
  thumbnailDataUrl: 'data:image/png;base64,AA',
  appIconDataUrl: null,
};
const win: ScreenSource = {
  id: 'window:42:0',
  name: 'Editor',
  kind: 'window',
  thumbnailDataUrl: '',
  appIconDataUrl: null,
};

function picker(timeoutMs = 1000) {
  let n = 0;
  const p = new ScreenSharePicker({ timeoutMs, newId: () => `r${++n}` });
  const requests: string[] = [];
  const cancelled: string[] = [];
  p.on('pick-request', (r) =>
    requests.push(`${r.requestId}:${r.sources.map((s) => s.id).join(',')}:${r.audioRequested}`),
  );
  p.on('pick-cancelled', (id) => cancelled.push(id));
  return { p, requests, cancelled };
}

describe('ScreenSharePicker', () => {
  it('asks the renderer and calls back once with the chosen source', () => {
    const { p, requests } = picker();
    const decisions: ScreenPickDecision[] = [];
    const id = p.request([screen, win], true, (d) => decisions.push(d));
    expect(requests).toEqual(['r1:screen:1:0,window:42:0:true']);
    expect(p.choose(id, 'window:42:0', true)).toBe(true);
    expect(p.choose(id, 'screen:1:0', false)).toBe(false);
    expect(decisions).toEqual([{ sourceId: 'window:42:0', audio: true }]);
    expect(p.pendingCount).toBe(0);
  });

  it('denies on cancel, on an unknown source, and never grants audio not asked for', () => {
    const { p } = picker();
    const decisions: ScreenPickDecision[] = [];
    p.choose(
      p.request([screen], false, (d) => decisions.push(d)),
      null,
      false,
    );
    p.choose(
      p.request([screen], false, (d) => decisions.push(d)),
      'window:999:0',
      false,
    );
    p.choose(
      p.request([screen], false, (d) => decisions.push(d)),
      'screen:1:0',
      true,
    );
    expect(decisions).toEqual([
      { sourceId: null, audio: false },
      { sourceId: null, audio: false },
      { sourceId: 'screen:1:0', audio: false },
    ]);
  });

  it('denies after the timeout and tells the renderer to close the picker', () => {
    vi.useFakeTimers();
    try {
      const { p, cancelled } = picker(5000);
      const decide = vi.fn();
      const id = p.request([screen], false, decide);
      vi.advanceTimersByTime(4999);
      expect(decide).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(decide).toHaveBeenCalledExactlyOnceWith({ sourceId: null, audio: false });
      expect(cancelled).toEqual([id]);
      expect(p.choose(id, 'screen:1:0', false)).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a new request supersedes a pending one; cancelAll denies everything', () => {
    const { p, cancelled } = picker();
    const first = vi.fn();
    const second = vi.fn();
    p.request([screen], false, first);
    p.request([screen], false, second);
    expect(first).toHaveBeenCalledExactlyOnceWith({ sourceId: null, audio: false });
    p.cancelAll();
    expect(second).toHaveBeenCalledExactlyOnceWith({ sourceId: null, audio: false });
    expect(cancelled).toEqual(['r1', 'r2']);
  });
});

describe('toScreenSource', () => {
  it('keeps plain data for the picker', () => {
    const image = (url: string) => ({ toDataURL: () => url, isEmpty: () => url === '' });
    expect(
      toScreenSource({
        id: 'window:7:0',
        name: 'Term',
        thumbnail: image('data:t'),
        appIcon: image('data:i'),
      }),
    ).toEqual({
      id: 'window:7:0',
      name: 'Term',
      kind: 'window',
      thumbnailDataUrl: 'data:t',
      appIconDataUrl: 'data:i',
    });
    expect(
      toScreenSource({ id: 'screen:0:0', name: 'S', thumbnail: image(''), appIcon: null }),
    ).toMatchObject({ kind: 'screen', thumbnailDataUrl: '', appIconDataUrl: null });
  });
});
