import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { AudioLevelMeter } from '../devices/AudioLevelMeter';
import { DeviceManager } from '../devices/DeviceManager';
import { DeviceError } from '../devices/errors';
import { canChooseSpeaker, playTestSound } from '../devices/speaker';
import { useMeetingStore } from './meeting';
import { useUiStore } from './ui';
import type {
  DeviceKind,
  DeviceLists,
  DeviceSelection,
  DeviceSelectionStore,
} from '../devices/types';

export type { DeviceKind, DeviceInfo } from '../devices/types';

export type PreviewState = 'idle' | 'starting' | 'live' | 'error';

type CaptureKind = Exclude<DeviceKind, 'speaker'>;

/**
 * Cameras, microphones and speakers for the lobby and the meeting: the lists (hot-plug aware),
 * the remembered choice, the local preview stream with its microphone level, the per-device
 * problems to show (denied, missing, busy, gone), and the speaker test sound. A new choice (here,
 * in the app's menu or tray, or a chosen device unplugged) switches the live preview, or the
 * call's own camera/microphone track during a meeting.
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
  /** The same for switching the call's camera / microphone. */
  const callGeneration: Record<CaptureKind, number> = { camera: 0, microphone: 0 };
  /** Our own saves in flight: a choice from elsewhere waits for them (then the newest wins). */
  let saving = 0;
  let followLater: DeviceSelection | null = null;
  let unfollow: (() => void) | undefined;

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
    manager = new DeviceManager(media, {
      load: () => store.load(),
      save: async (s) => {
        saving += 1;
        try {
          await store.save(s);
        } finally {
          saving -= 1;
          const later = followLater;
          if (saving === 0 && later) {
            followLater = null;
            void follow(later);
          }
        }
      },
    });
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
      void applyLive([kind]);
    });
    try {
      await manager.start();
    } catch (error) {
      report(DeviceError.from(error, 'media'));
    } finally {
      initialized();
    }
    unfollow ??= store.subscribe?.((s) => {
      if (saving > 0) followLater = s;
      else void follow(s);
    });
  }

  /** Takes a choice made elsewhere (the Call menu or the tray) as if it was made here. */
  async function follow(s: DeviceSelection): Promise<void> {
    if (!manager) return;
    const changed = manager.adopt(s);
    for (const kind of changed) clearProblem(kind);
    await applyLive(changed);
  }

  /** Moves what is live (the preview, else the call's stream) to the chosen devices of `kinds`. */
  async function applyLive(kinds: readonly DeviceKind[]): Promise<void> {
    const capture = kinds.filter((k): k is CaptureKind => k !== 'speaker');
    if (capture.length === 0) return;
    if (wantPreview) {
      await startPreview();
      return;
    }
    await Promise.all(capture.map(switchCallDevice));
  }

  /**
   * In a meeting, opens the chosen camera or microphone and hands its track to the call in place
   * of the old one (only for a kind the call already sends). On failure the old one stays.
   */
  async function switchCallDevice(kind: CaptureKind): Promise<void> {
    const meeting = useMeetingStore();
    const current = meeting.localStream;
    if (!manager || !current || (meeting.phase !== 'joined' && meeting.phase !== 'joining')) return;
    const sending =
      kind === 'camera' ? current.getVideoTracks().length : current.getAudioTracks().length;
    if (sending === 0) return;
    const generation = ++callGeneration[kind];
    let track: MediaStreamTrack | undefined;
    try {
      const opened = await manager.getUserMedia({
        audio: kind === 'microphone',
        video: kind === 'camera',
      });
      track = (kind === 'camera' ? opened.getVideoTracks() : opened.getAudioTracks())[0];
      for (const t of opened.getTracks()) if (t !== track) t.stop();
    } catch (error) {
      const problem = DeviceError.from(error, kind);
      report(problem);
      if (generation === callGeneration[kind]) useUiStore().toast(problem.message, 'error');
      return;
    }
    if (!track) return;
    if (generation !== callGeneration[kind]) {
      track.stop();
      return;
    }
    meeting.replaceLocalTrack(track);
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

  /** Chooses a device; switches the live preview (or the call's stream) to it. */
  async function select(kind: DeviceKind, id: string | null): Promise<void> {
    if (!manager) return;
    clearProblem(kind);
    await manager.select(kind, id);
    await applyLive([kind]);
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
