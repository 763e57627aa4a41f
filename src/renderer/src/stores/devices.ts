import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { AudioLevelMeter } from '../devices/AudioLevelMeter';
import { DeviceManager } from '../devices/DeviceManager';
import { DeviceError } from '../devices/errors';
import { canChooseSpeaker, playTestSound } from '../devices/speaker';
import type {
  DeviceKind,
  DeviceLists,
  DeviceSelection,
  DeviceSelectionStore,
} from '../devices/types';

export type { DeviceKind, DeviceInfo } from '../devices/types';

export type PreviewState = 'idle' | 'starting' | 'live' | 'error';

/**
 * Cameras, microphones and speakers for the lobby and the meeting: the lists (hot-plug aware),
 * the remembered choice, the local preview stream with its microphone level, the per-device
 * problems to show (denied, missing, busy, gone), and the speaker test sound.
 */
export const useDevicesStore = defineStore('devices', () => {
  const lists = ref<DeviceLists>({ camera: [], microphone: [], speaker: [] });
  const selection = ref<DeviceSelection>({ cameraId: null, microphoneId: null, speakerId: null });
  const stream = shallowRef<MediaStream | null>(null);
  const previewState = ref<PreviewState>('idle');
  const level = ref(0);
  const problems = ref<Partial<Record<DeviceKind | 'media', string>>>({});
  const testingSpeaker = ref(false);
  const speakerSelectable = canChooseSpeaker();
  let manager: DeviceManager | undefined;
  let meter: AudioLevelMeter | undefined;
  let wantPreview = false;
  /** Bumped by every start/stop, so a slow getUserMedia of an older request is discarded. */
  let previewGeneration = 0;

  const hasCamera = computed(() => lists.value.camera.length > 0);
  const hasMicrophone = computed(() => lists.value.microphone.length > 0);

  let initialized: () => void = () => undefined;
  const initDone = new Promise<void>((resolve) => {
    initialized = resolve;
  });

  /** Starts device handling; `store` remembers the selection (settings). */
  async function init(store: DeviceSelectionStore): Promise<void> {
    if (manager) return;
    const media = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
    manager = new DeviceManager(media, store);
    manager.on('devices', (l) => {
      lists.value = l;
    });
    manager.on('selection', (s) => {
      selection.value = s;
    });
    manager.on('lost', (kind) => {
      problems.value = {
        ...problems.value,
        [kind]: `The selected ${kind} was disconnected; using the default ${kind}.`,
      };
      if (wantPreview && kind !== 'speaker') void startPreview();
    });
    try {
      await manager.start();
    } catch (error) {
      report(DeviceError.from(error, 'media'));
    } finally {
      initialized();
    }
  }

  function report(error: DeviceError): void {
    problems.value = { ...problems.value, [error.kind]: error.message };
  }

  function clearProblem(kind: DeviceKind | 'media'): void {
    problems.value = Object.fromEntries(Object.entries(problems.value).filter(([k]) => k !== kind));
  }

  let previewRun: Promise<void> = Promise.resolve();

  /**
   * Opens camera and microphone for the preview. When both fail together, retries each alone so
   * a busy camera does not also take the microphone away.
   */
  function startPreview(): Promise<void> {
    previewRun = runPreview();
    return previewRun;
  }

  /** Resolves once the preview being started (if any) has its stream or its error. */
  function ready(): Promise<void> {
    return previewRun.catch(() => undefined);
  }

  async function runPreview(): Promise<void> {
    await initDone;
    if (!manager) return;
    wantPreview = true;
    const generation = ++previewGeneration;
    previewState.value = 'starting';
    stopStream();
    problems.value = {};
    const tracks: MediaStreamTrack[] = [];
    try {
      tracks.push(...(await manager.getUserMedia({ audio: true, video: true })).getTracks());
    } catch (both) {
      if (both instanceof DeviceError && both.type === 'permission-denied') {
        report(both);
      } else {
        for (const kind of ['camera', 'microphone'] as const) {
          try {
            const s = await manager.getUserMedia({
              audio: kind === 'microphone',
              video: kind === 'camera',
            });
            tracks.push(...s.getTracks());
          } catch (error) {
            report(DeviceError.from(error, kind));
          }
        }
      }
    }
    if (generation !== previewGeneration) {
      for (const t of tracks) t.stop();
      return;
    }
    if (tracks.length === 0) {
      previewState.value = 'error';
      return;
    }
    const s = new MediaStream(tracks);
    stream.value = s;
    previewState.value = 'live';
    startMeter(s);
  }

  function startMeter(s: MediaStream): void {
    meter?.stop();
    meter = undefined;
    level.value = 0;
    if (s.getAudioTracks().length === 0) return;
    try {
      meter = new AudioLevelMeter(s);
      meter.on('level', (l) => {
        level.value = l;
      });
    } catch {
      // No WebAudio: the preview works without a meter.
    }
  }

  function stopStream(): void {
    meter?.stop();
    meter = undefined;
    level.value = 0;
    for (const t of stream.value?.getTracks() ?? []) t.stop();
    stream.value = null;
  }

  /** Stops the preview and releases camera and microphone. */
  function stopPreview(): void {
    wantPreview = false;
    previewGeneration += 1;
    stopStream();
    previewState.value = 'idle';
  }

  /** Hands the preview stream over (to the meeting); the store no longer stops its tracks. */
  function takeStream(): MediaStream | null {
    const s = stream.value;
    meter?.stop();
    meter = undefined;
    stream.value = null;
    wantPreview = false;
    previewGeneration += 1;
    previewState.value = 'idle';
    return s;
  }

  /** Chooses a device; restarts the preview when it is live. */
  async function select(kind: DeviceKind, id: string | null): Promise<void> {
    if (!manager) return;
    clearProblem(kind);
    await manager.select(kind, id);
    if (kind !== 'speaker' && wantPreview) await startPreview();
  }

  async function refresh(): Promise<void> {
    await manager?.refresh();
  }

  /** Plays the test sound on the chosen speaker. */
  async function testSpeaker(): Promise<void> {
    if (testingSpeaker.value) return;
    testingSpeaker.value = true;
    clearProblem('speaker');
    try {
      await playTestSound(selection.value.speakerId);
    } catch (error) {
      report(DeviceError.from(error, 'speaker'));
    } finally {
      testingSpeaker.value = false;
    }
  }

  return {
    lists,
    selection,
    stream,
    previewState,
    level,
    problems,
    testingSpeaker,
    speakerSelectable,
    hasCamera,
    hasMicrophone,
    init,
    startPreview,
    ready,
    stopPreview,
    takeStream,
    select,
    refresh,
    testSpeaker,
  };
});
