import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Emitter } from '../meeting/Emitter';
import type { MeetingEngine, MeetingEngineEvents, MeetingJoinRequest } from '../meeting/engine';
import type { ChatMessage } from '../meeting/types';
import { useDevicesStore } from './devices';
import { provideAppHost } from './hostPort';
import { provideMeetingEngine, useMeetingStore } from './meeting';
import { useSettingsStore } from './settings';
import { FakeHost } from './testing';
import { useUiStore } from './ui';

/** A track as the stores use it: kind, enabled, stop(). */
class FakeTrack {
  static next = 1;
  readonly id = `t${FakeTrack.next++}`;
  enabled = true;
  readyState: 'live' | 'ended' = 'live';
  constructor(
    readonly kind: 'audio' | 'video',
    readonly deviceId: string,
  ) {}
  stop(): void {
    this.readyState = 'ended';
  }
  addEventListener(): void {}
  removeEventListener(): void {}
}

const asTrack = (t: FakeTrack): MediaStreamTrack => t as unknown as MediaStreamTrack;

/** happy-dom's MediaStream has no getTracks(); this one has what the stores call. */
class FakeStream {
  readonly #tracks: MediaStreamTrack[];
  constructor(tracks: readonly MediaStreamTrack[] = []) {
    this.#tracks = [...tracks];
  }
  getTracks = (): MediaStreamTrack[] => [...this.#tracks];
  getAudioTracks = (): MediaStreamTrack[] => this.#tracks.filter((t) => t.kind === 'audio');
  getVideoTracks = (): MediaStreamTrack[] => this.#tracks.filter((t) => t.kind === 'video');
}

function deviceOf(constraint: boolean | MediaTrackConstraints | undefined): string {
  if (typeof constraint !== 'object') return 'default';
  const id = constraint.deviceId;
  return typeof id === 'object' && !Array.isArray(id) && typeof id.exact === 'string'
    ? id.exact
    : 'default';
}

/** navigator.mediaDevices with two cameras and two microphones; records each getUserMedia. */
class FakeMediaDevices extends EventTarget {
  readonly opened: { audio: string | null; video: string | null }[] = [];
  failWith: string | undefined;
  enumerateDevices(): Promise<MediaDeviceInfo[]> {
    const dev = (kind: MediaDeviceKind, deviceId: string): MediaDeviceInfo => ({
      kind,
      deviceId,
      label: deviceId,
      groupId: 'g',
      toJSON: () => ({}),
    });
    return Promise.resolve([
      dev('videoinput', 'cam1'),
      dev('videoinput', 'cam2'),
      dev('audioinput', 'mic1'),
      dev('audioinput', 'mic2'),
    ]);
  }
  getUserMedia(c: MediaStreamConstraints): Promise<MediaStream> {
    const audio = c.audio ? deviceOf(c.audio) : null;
    const video = c.video ? deviceOf(c.video) : null;
    this.opened.push({ audio, video });
    if (this.failWith) return Promise.reject(new DOMException('failed', this.failWith));
    const tracks = [
      ...(audio ? [new FakeTrack('audio', audio)] : []),
      ...(video ? [new FakeTrack('video', video)] : []),
    ];
    return Promise.resolve(new MediaStream(tracks.map(asTrack)));
  }
}

class ScriptedEngine extends Emitter<MeetingEngineEvents> implements MeetingEngine {
  readonly selfId = 'me';
  readonly sentStreams: (MediaStream | null)[] = [];
  constructor(readonly request: MeetingJoinRequest) {
    super();
  }
  get code(): string {
    return this.request.code;
  }
  participants = (): [] => [];
  chatHistory = (): ChatMessage[] => [];
  join = (): Promise<void> => Promise.resolve();
  leave(): void {}
  setState(): void {}
  setLocalStream(stream: MediaStream | null): void {
    this.sentStreams.push(stream);
  }
  setScreenStream(): void {}
  sendChat(text: string): ChatMessage {
    return { id: 'me:1', senderId: 'me', seq: 1, sentAt: 1, text };
  }
}

const fakeOf = (t: MediaStreamTrack | undefined): FakeTrack | undefined =>
  t as unknown as FakeTrack | undefined;

describe('devices store: a device chosen elsewhere (Call menu, tray)', () => {
  let host: FakeHost;
  let media: FakeMediaDevices;
  let engine: ScriptedEngine | undefined;

  beforeEach(async () => {
    setActivePinia(createPinia());
    history.replaceState(null, '', '#/');
    host = new FakeHost();
    provideAppHost(host);
    media = new FakeMediaDevices();
    Object.defineProperty(navigator, 'mediaDevices', { value: media, configurable: true });
    vi.stubGlobal('MediaStream', FakeStream);
    provideMeetingEngine((request) => (engine = new ScriptedEngine(request)));
    const settings = useSettingsStore();
    await settings.load();
    await useDevicesStore().init(settings.deviceSelectionStore);
  });
  afterEach(() => {
    useDevicesStore().stopPreview();
    provideMeetingEngine(undefined);
    engine = undefined;
    vi.unstubAllGlobals();
  });

  it('switches the live preview to it, without saving it back', async () => {
    const devices = useDevicesStore();
    await devices.startPreview();
    expect(media.opened).toEqual([{ audio: 'default', video: 'default' }]);

    host.changeSettings({ devices: { cameraId: 'cam2' } });
    await vi.waitFor(() => {
      expect(media.opened).toHaveLength(2);
    });
    await devices.ready();
    expect(media.opened[1]).toEqual({ audio: 'default', video: 'cam2' });
    expect(devices.selection.cameraId).toBe('cam2');
    expect(devices.previewState).toBe('live');
    expect(fakeOf(devices.stream?.getVideoTracks()[0])?.deviceId).toBe('cam2');
    expect(host.patches).toEqual([]);

    // A change to something else (the theme) or to the speaker does not reopen the camera.
    host.changeSettings({ theme: 'dark' });
    host.changeSettings({ devices: { speakerId: 'spk' } });
    await new Promise((r) => setTimeout(r, 10));
    expect(media.opened).toHaveLength(2);
    expect(devices.selection.speakerId).toBe('spk');
  });

  it('choosing in the lobby restarts the preview once (its own save is not news)', async () => {
    const devices = useDevicesStore();
    await devices.startPreview();
    await devices.select('microphone', 'mic2');
    await devices.ready();
    await new Promise((r) => setTimeout(r, 10));
    expect(host.patches).toEqual([
      { devices: { cameraId: null, microphoneId: 'mic2', speakerId: null } },
    ]);
    expect(media.opened).toEqual([
      { audio: 'default', video: 'default' },
      { audio: 'mic2', video: 'default' },
    ]);
  });

  it('in a meeting, swaps the call track of that kind and keeps mute', async () => {
    const devices = useDevicesStore();
    await devices.startPreview();
    const stream = devices.takeStream();
    const meeting = useMeetingStore();
    await meeting.join({ code: 'abc-defg-hjk', displayName: 'Me', create: false, stream });
    meeting.toggleMute();
    const oldAudio = fakeOf(stream?.getAudioTracks()[0]);
    const video = fakeOf(stream?.getVideoTracks()[0]);

    host.changeSettings({ devices: { microphoneId: 'mic2' } });
    await vi.waitFor(() => {
      expect(engine?.sentStreams).toHaveLength(1);
    });
    expect(media.opened.at(-1)).toEqual({ audio: 'mic2', video: null });
    const sent = engine?.sentStreams[0];
    expect(sent).toBe(meeting.localStream);
    const newAudio = fakeOf(sent?.getAudioTracks()[0]);
    expect(newAudio?.deviceId).toBe('mic2');
    expect(newAudio?.enabled).toBe(false); // still muted
    expect(fakeOf(sent?.getVideoTracks()[0])).toBe(video);
    expect(oldAudio?.readyState).toBe('ended');
    expect(video?.readyState).toBe('live');
    expect(host.patches).toEqual([]);
  });

  it('in a meeting, keeps the old device when the new one cannot be opened', async () => {
    const devices = useDevicesStore();
    await devices.startPreview();
    const stream = devices.takeStream();
    const meeting = useMeetingStore();
    await meeting.join({ code: 'abc-defg-hjk', displayName: 'Me', create: false, stream });
    media.failWith = 'NotReadableError';
    host.changeSettings({ devices: { cameraId: 'cam2' } });
    await vi.waitFor(() => {
      expect(useUiStore().toasts.at(-1)?.text).toMatch(/camera is in use by another app/);
    });
    expect(engine?.sentStreams).toEqual([]);
    expect(meeting.localStream).toBe(stream);
    expect(fakeOf(stream?.getVideoTracks()[0])?.readyState).toBe('live');
  });

  it('outside a preview and a meeting, only remembers the choice', async () => {
    host.changeSettings({ devices: { cameraId: 'cam2' } });
    await vi.waitFor(() => {
      expect(useDevicesStore().selection.cameraId).toBe('cam2');
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(media.opened).toEqual([]);
  });
});
