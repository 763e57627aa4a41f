/**
 * Cameras, microphones and speakers: lists grouped by kind, the person's choice remembered through
 * an injected store, hot-plug through 'devicechange' (falling back to the default when the chosen
 * device disappears), and getUserMedia with errors mapped to clear messages (DeviceError).
 */
import { Emitter } from '../meeting/Emitter';
import { groupDevices, reconcileSelection } from './deviceLists';
import { DeviceError } from './errors';
import {
  EMPTY_SELECTION,
  SELECTION_KEYS,
  type DeviceKind,
  type DeviceLists,
  type DeviceSelection,
  type DeviceSelectionStore,
  type MediaDevicesLike,
} from './types';

export interface DeviceManagerEvents {
  /** The device lists changed (first load, hot-plug, or labels after permission). */
  devices: (lists: DeviceLists) => void;
  /** The selection changed, by `select` or because a chosen device disappeared. */
  selection: (selection: DeviceSelection) => void;
  /** A chosen device was unplugged; its kind now uses the default. */
  lost: (kind: DeviceKind, deviceId: string) => void;
}

export interface MediaRequest {
  audio: boolean;
  video: boolean;
}

/** Capture settings for the camera (a meeting does not need more than 720p). */
const VIDEO_CONSTRAINTS: MediaTrackConstraints = {
  width: { ideal: 1280 },
  height: { ideal: 720 },
  frameRate: { ideal: 30, max: 30 },
};
const AUDIO_CONSTRAINTS: MediaTrackConstraints = {
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
};

export class DeviceManager extends Emitter<DeviceManagerEvents> {
  #lists: DeviceLists = { camera: [], microphone: [], speaker: [] };
  #selection: DeviceSelection = { ...EMPTY_SELECTION };
  #listening = false;
  #refreshing: Promise<DeviceLists> | undefined;
  #pending: Promise<DeviceLists> | undefined;
  readonly #onDeviceChange = (): void => {
    void this.refresh().catch(() => undefined);
  };

  /**
   * @param media navigator.mediaDevices, or undefined where the page is not a secure context.
   * @param store where the selection is remembered.
   */
  constructor(
    private readonly media: MediaDevicesLike | undefined,
    private readonly store: DeviceSelectionStore,
  ) {
    super();
  }

  get lists(): DeviceLists {
    return this.#lists;
  }

  get selection(): DeviceSelection {
    return { ...this.#selection };
  }

  /** Loads the remembered selection, lists devices and starts following hot-plug. */
  async start(): Promise<DeviceLists> {
    this.#selection = { ...EMPTY_SELECTION, ...(await this.store.load()) };
    this.emit('selection', this.selection);
    if (this.media && !this.#listening) {
      this.media.addEventListener('devicechange', this.#onDeviceChange);
      this.#listening = true;
    }
    return this.refresh();
  }

  /** Stops following hot-plug. */
  stop(): void {
    if (this.media && this.#listening) {
      this.media.removeEventListener('devicechange', this.#onDeviceChange);
    }
    this.#listening = false;
  }

  /**
   * Re-reads the device lists and reconciles the selection. Calls during a refresh coalesce into
   * one more pass after it, so a change that happens mid-refresh is never missed.
   */
  refresh(): Promise<DeviceLists> {
    if (this.#refreshing) {
      this.#pending ??= this.#refreshing
        .catch(() => undefined)
        .then(() => {
          this.#pending = undefined;
          return this.refresh();
        });
      return this.#pending;
    }
    this.#refreshing = this.#refresh().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  async #refresh(): Promise<DeviceLists> {
    if (!this.media) throw this.#insecure();
    const raw = await this.media.enumerateDevices();
    this.#lists = groupDevices(raw);
    this.emit('devices', this.#lists);
    const { selection, lost } = reconcileSelection(this.#lists, this.#selection);
    if (lost.length > 0) {
      this.#selection = selection;
      await this.#save();
      for (const { kind, id } of lost) this.emit('lost', kind, id);
      this.emit('selection', this.selection);
    }
    return this.#lists;
  }

  /** Chooses a device (null: system default) and remembers the choice. */
  async select(kind: DeviceKind, deviceId: string | null): Promise<void> {
    const key = SELECTION_KEYS[kind];
    if (this.#selection[key] === deviceId) return;
    this.#selection = { ...this.#selection, [key]: deviceId };
    await this.#save();
    this.emit('selection', this.selection);
  }

  /**
   * Takes a choice made elsewhere (the app's menu or tray, another window) without saving it
   * back. Returns the kinds whose device changed.
   */
  adopt(selection: DeviceSelection): DeviceKind[] {
    const kinds = Object.keys(SELECTION_KEYS) as DeviceKind[];
    const changed = kinds.filter(
      (k) => this.#selection[SELECTION_KEYS[k]] !== selection[SELECTION_KEYS[k]],
    );
    if (changed.length === 0) return [];
    this.#selection = {
      cameraId: selection.cameraId,
      microphoneId: selection.microphoneId,
      speakerId: selection.speakerId,
    };
    this.emit('selection', this.selection);
    return changed;
  }

  /** getUserMedia constraints for the current choice of `kind`. */
  constraints(kind: 'camera' | 'microphone'): MediaTrackConstraints {
    const id = this.#selection[SELECTION_KEYS[kind]];
    const base = kind === 'camera' ? VIDEO_CONSTRAINTS : AUDIO_CONSTRAINTS;
    return id ? { ...base, deviceId: { exact: id } } : base;
  }

  /**
   * Opens the chosen camera and/or microphone. Throws a DeviceError (permission-denied,
   * not-found, busy, gone, insecure). Re-reads the lists afterwards: labels appear once granted.
   */
  async getUserMedia(request: MediaRequest): Promise<MediaStream> {
    if (!request.audio && !request.video) throw new RangeError('ask for audio, video or both');
    if (!this.media) throw this.#insecure();
    const kind: DeviceKind | 'media' =
      request.audio && request.video ? 'media' : request.video ? 'camera' : 'microphone';
    let stream: MediaStream;
    try {
      stream = await this.media.getUserMedia({
        audio: request.audio ? this.constraints('microphone') : false,
        video: request.video ? this.constraints('camera') : false,
      });
    } catch (error) {
      throw DeviceError.from(error, kind);
    }
    await this.refresh().catch(() => undefined);
    return stream;
  }

  #insecure(): DeviceError {
    return DeviceError.from(new TypeError('navigator.mediaDevices is undefined'), 'media');
  }

  async #save(): Promise<void> {
    await this.store.save(this.selection);
  }
}
