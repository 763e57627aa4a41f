import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { appHost, type ScreenPickRequest, type ScreenSource } from './hostPort';

export type ScreenSourceKind = ScreenSource['kind'];

/** The sources of a pick request, screens and windows apart, in the host's order. */
export function groupScreenSources(
  sources: readonly ScreenSource[],
): Record<ScreenSourceKind, ScreenSource[]> {
  return {
    screen: sources.filter((s) => s.kind === 'screen'),
    window: sources.filter((s) => s.kind === 'window'),
  };
}

/**
 * Whether the picker offers "share system audio": the page asked for it and the host can capture
 * it (Electron's loopback audio exists on Windows only; main ignores the flag elsewhere).
 */
export function offersSystemAudio(
  request: ScreenPickRequest,
  platform: string | undefined,
): boolean {
  return request.audioRequested && platform === 'win32';
}

/**
 * The app's own screen-share picker (Electron): main asks for a source after getDisplayMedia();
 * this store holds the open request and answers it with the chosen source or a cancel. Hosts
 * without a picker of their own (a browser tab shows the browser's) never open it.
 */
export const useScreenPickerStore = defineStore('screenPicker', () => {
  const request = shallowRef<ScreenPickRequest | null>(null);
  /** An answer is being sent; the buttons wait for it. */
  const answering = ref(false);
  let platform: string | undefined;
  let stop: (() => void)[] | undefined;

  const sources = computed(() => groupScreenSources(request.value?.sources ?? []));
  const audioOffered = computed(() =>
    request.value ? offersSystemAudio(request.value, platform) : false,
  );

  /** Follows the host's pick requests (once; nothing when the host has no picker of ours). */
  function start(): void {
    if (stop) return;
    stop = [];
    const host = appHost();
    if (
      host.capabilities?.screenPicker !== true ||
      !host.onScreenPickRequest ||
      !host.onScreenPickCancelled
    ) {
      return;
    }
    platform = host.platform;
    stop.push(
      host.onScreenPickRequest((r) => {
        // Main keeps one pick at a time and cancels an older one itself.
        request.value = r;
        answering.value = false;
      }),
      host.onScreenPickCancelled((id) => {
        if (request.value?.requestId === id) request.value = null;
      }),
    );
  }

  /** Stops following pick requests (tests, hot reload). */
  function dispose(): void {
    for (const off of stop ?? []) off();
    stop = undefined;
    request.value = null;
  }

  async function answer(sourceId: string | null, audio: boolean): Promise<void> {
    const open = request.value;
    if (!open) return;
    request.value = null;
    answering.value = true;
    try {
      await appHost().chooseScreenSource?.({
        requestId: open.requestId,
        sourceId,
        audio: sourceId !== null && audio && offersSystemAudio(open, platform),
      });
    } catch (error) {
      // The request is gone (timed out in main): getDisplayMedia() already rejected.
      console.warn('Parley: the screen choice could not be sent to the app', error);
    } finally {
      answering.value = false;
    }
  }

  /** Shares `sourceId` (one of the open request's sources), with system audio when offered. */
  function choose(sourceId: string, audio = false): Promise<void> {
    if (!request.value?.sources.some((s) => s.id === sourceId)) return Promise.resolve();
    return answer(sourceId, audio);
  }

  /** Closes the picker; getDisplayMedia() rejects with NotAllowedError. */
  function cancel(): Promise<void> {
    return answer(null, false);
  }

  return { request, answering, sources, audioOffered, start, dispose, choose, cancel };
});
