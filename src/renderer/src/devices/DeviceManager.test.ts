import { describe, expect, it } from 'vitest';
import { DeviceManager } from './DeviceManager';
import { DeviceError } from './errors';
import { EMPTY_SELECTION, type DeviceSelection } from './types';

/** A stand-in for navigator.mediaDevices: only the selection/hot-plug logic is tested here. */
class FakeMediaDevices extends EventTarget {
  devices: MediaDeviceInfo[] = [];
  failWith: string | undefined;
  lastConstraints: MediaStreamConstraints | undefined;
  enumerateDevices(): Promise<MediaDeviceInfo[]> {
    return Promise.resolve(this.devices);
  }
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream> {
    this.lastConstraints = constraints;
    if (this.failWith) return Promise.reject(new DOMException('failed', this.failWith));
    return Promise.resolve(new MediaStream());
  }
  plug(...devices: MediaDeviceInfo[]): void {
    this.devices = devices;
    this.dispatchEvent(new Event('devicechange'));
  }
}

const dev = (kind: MediaDeviceKind, deviceId: string, label = ''): MediaDeviceInfo => ({
  kind,
  deviceId,
  label,
  groupId: 'g',
  toJSON: () => ({}),
});

function setup(initial: Partial<DeviceSelection> = {}) {
  const media = new FakeMediaDevices();
  const saved: DeviceSelection[] = [];
  const store = {
    load: () => ({ ...EMPTY_SELECTION, ...initial }),
    save: (s: DeviceSelection) => void saved.push(s),
  };
  const manager = new DeviceManager(media, store);
  return { media, saved, manager };
}

const nextEvent = <T extends unknown[]>(
  manager: DeviceManager,
  event: 'devices' | 'lost' | 'selection',
): Promise<T> =>
  new Promise((resolve) => {
    manager.once(event, ((...args: T) => {
      resolve(args);
    }) as never);
  });

describe('DeviceManager', () => {
  it('groups devices by kind, names unlabeled ones, skips the communications alias', async () => {
    const { media, manager } = setup();
    media.devices = [
      dev('videoinput', 'cam1', 'Front camera'),
      dev('videoinput', 'cam2'),
      dev('audioinput', 'default', 'Default - Mic'),
      dev('audioinput', 'communications', 'Communications - Mic'),
      dev('audioinput', 'mic1', 'Mic'),
      dev('audiooutput', 'default', 'Default - Speakers'),
    ];
    const lists = await manager.start();
    expect(lists.camera.map((d) => [d.id, d.label, d.isDefault])).toEqual([
      ['cam1', 'Front camera', true],
      ['cam2', 'Camera 2', false],
    ]);
    expect(lists.microphone.map((d) => d.id)).toEqual(['default', 'mic1']);
    expect(lists.speaker).toHaveLength(1);
  });

  it('remembers a selection through the store and uses it in constraints', async () => {
    const { media, manager, saved } = setup({ cameraId: 'cam2' });
    media.devices = [dev('videoinput', 'cam1', 'A'), dev('videoinput', 'cam2', 'B')];
    await manager.start();
    expect(manager.constraints('camera').deviceId).toEqual({ exact: 'cam2' });
    await manager.select('microphone', 'mic9');
    expect(saved.at(-1)).toEqual({ cameraId: 'cam2', microphoneId: 'mic9', speakerId: null });
    await manager.getUserMedia({ audio: true, video: false });
    expect(media.lastConstraints?.video).toBe(false);
    expect((media.lastConstraints?.audio as MediaTrackConstraints).deviceId).toEqual({
      exact: 'mic9',
    });
  });

  it('falls back to the default when the chosen device is unplugged, and refreshes on plug', async () => {
    const { media, manager, saved } = setup({ cameraId: 'usb' });
    media.devices = [dev('videoinput', 'builtin', 'Built-in'), dev('videoinput', 'usb', 'USB cam')];
    await manager.start();
    expect(manager.selection.cameraId).toBe('usb');

    const lost = nextEvent<[string, string]>(manager, 'lost');
    media.plug(dev('videoinput', 'builtin', 'Built-in'));
    expect(await lost).toEqual(['camera', 'usb']);
    expect(manager.selection.cameraId).toBeNull();
    expect(saved.at(-1)?.cameraId).toBeNull();
    expect(manager.constraints('camera').deviceId).toBeUndefined();

    const devices = nextEvent(manager, 'devices');
    media.plug(dev('videoinput', 'builtin', 'Built-in'), dev('videoinput', 'usb', 'USB cam'));
    await devices;
    expect(manager.lists.camera).toHaveLength(2);
    manager.stop();
  });

  it('keeps the choice while the browser hides device ids (no permission yet)', async () => {
    const { media, manager } = setup({ microphoneId: 'mic1' });
    media.devices = [dev('audioinput', '')];
    await manager.start();
    expect(manager.selection.microphoneId).toBe('mic1');
    expect(manager.lists.microphone[0]?.label).toBe('Microphone 1');
  });

  it.each([
    ['NotAllowedError', 'permission-denied', /Permission to use the camera was denied/],
    ['NotFoundError', 'not-found', /No camera was found/],
    ['NotReadableError', 'busy', /in use by another app/],
    ['OverconstrainedError', 'gone', /no longer available/],
    ['WeirdError', 'unknown', /could not be used/],
  ])('maps %s to a clear %s error', async (name, type, message) => {
    const { media, manager } = setup();
    media.failWith = name;
    const error = await manager
      .getUserMedia({ audio: false, video: true })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeviceError);
    expect(error).toMatchObject({ type, kind: 'camera' });
    expect((error as Error).message).toMatch(message);
    expect((error as Error).cause).toBeInstanceOf(DOMException);
  });

  it('adopts a choice made elsewhere without saving it back', async () => {
    const { media, manager, saved } = setup({ cameraId: 'cam1' });
    media.devices = [dev('videoinput', 'cam1'), dev('videoinput', 'cam2')];
    await manager.start();
    const selections: DeviceSelection[] = [];
    manager.on('selection', (s) => selections.push(s));
    const changed = manager.adopt({ cameraId: 'cam2', microphoneId: null, speakerId: 'spk' });
    expect(changed).toEqual(['camera', 'speaker']);
    expect(manager.selection).toEqual({ cameraId: 'cam2', microphoneId: null, speakerId: 'spk' });
    expect(manager.constraints('camera').deviceId).toEqual({ exact: 'cam2' });
    expect(manager.adopt(manager.selection)).toEqual([]);
    expect(selections).toHaveLength(1);
    expect(saved).toEqual([]);
  });

  it('explains an insecure page (no navigator.mediaDevices)', async () => {
    const manager = new DeviceManager(undefined, {
      load: () => EMPTY_SELECTION,
      save: () => undefined,
    });
    await expect(manager.start()).rejects.toMatchObject({ type: 'insecure' });
    await expect(manager.getUserMedia({ audio: true, video: true })).rejects.toThrow(/secure page/);
  });
});
