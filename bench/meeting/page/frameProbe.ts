/**
 * Runs in a page (Parley's web app or the peerjs demo): records when each new <video> presents
 * its first frame (requestVideoFrameCallback), keyed by whose video it is, as epoch ms. Parley's
 * tiles are named by their figure's accessible name (our own tile, "… (you)", is skipped); the
 * demo's videos by data-peer. Also notes the last click (the moment Join was pressed).
 */
export interface FrameLog {
  /** Who → epoch ms of the first frame of their newest video. */
  readonly first: Record<string, number>;
  /** Epoch ms of the last click in the page (Parley's Join press, as the page saw it). */
  lastClick: number;
}

export function installFrameProbe(): void {
  const w = window as unknown as { __frames?: FrameLog };
  if (w.__frames) return;
  const log: FrameLog = { first: {}, lastClick: 0 };
  w.__frames = log;
  document.addEventListener(
    'click',
    () => {
      log.lastClick = performance.timeOrigin + performance.now();
    },
    true,
  );
  const seen = new WeakSet<HTMLVideoElement>();
  const whose = (video: HTMLVideoElement): string | undefined => {
    if (video.dataset.peer) return video.dataset.peer;
    const label = video.closest('figure')?.getAttribute('aria-label') ?? '';
    const name = label.split(',')[0] ?? '';
    return name === '' || name.endsWith(' (you)') || name.endsWith("'s screen") ? undefined : name;
  };
  const watch = (video: HTMLVideoElement): void => {
    if (seen.has(video)) return;
    seen.add(video);
    video.requestVideoFrameCallback(() => {
      const who = whose(video);
      if (who !== undefined) log.first[who] = performance.timeOrigin + performance.now();
    });
  };
  const scan = (): void => {
    for (const video of document.querySelectorAll('video')) watch(video);
  };
  new MutationObserver(scan).observe(document.documentElement, { childList: true, subtree: true });
  scan();
}

/** Epoch ms of the last click the page saw (0: none). */
export function readLastClick(): number {
  const w = window as unknown as { __frames?: FrameLog };
  return w.__frames?.lastClick ?? 0;
}

/** The first-frame log of the page (empty before installFrameProbe). */
export function readFrames(): Record<string, number> {
  const w = window as unknown as { __frames?: FrameLog };
  return { ...(w.__frames?.first ?? {}) };
}
