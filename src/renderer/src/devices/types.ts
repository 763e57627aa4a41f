/** Types of the devices module. */

export type DeviceKind = 'camera' | 'microphone' | 'speaker';

/** A device ready to show in a select. */
export interface DeviceInfo {
  kind: DeviceKind;
  /** deviceId from enumerateDevices (may be '' before permission is granted). */
  id: string;
  /** The device's label, or "Camera 2" when the browser hides labels. */
  label: string;
  /** True for the system default entry ("default" id, or the first one). */
  isDefault: boolean;
}

export type DeviceLists = Record<DeviceKind, DeviceInfo[]>;

/** The chosen device per kind; null means "system default". */
export interface DeviceSelection {
  cameraId: string | null;
  microphoneId: string | null;
  speakerId: string | null;
}

/** Where the selection is remembered across runs (settings via the host bridge). */
export interface DeviceSelectionStore {
  load(): DeviceSelection | Promise<DeviceSelection>;
  save(selection: DeviceSelection): void | Promise<void>;
  /**
   * Follows choices made elsewhere (the app's menu or tray, another window); also called after
   * our own saves. Returns the unsubscribe function.
   */
  subscribe?(listener: (selection: DeviceSelection) => void): () => void;
}

/** The part of navigator.mediaDevices this module uses (injected for tests). */
export type MediaDevicesLike = Pick<
  MediaDevices,
  'enumerateDevices' | 'getUserMedia' | 'addEventListener' | 'removeEventListener'
>;

export const SELECTION_KEYS: Record<DeviceKind, keyof DeviceSelection> = {
  camera: 'cameraId',
  microphone: 'microphoneId',
  speaker: 'speakerId',
};

export const EMPTY_SELECTION: Readonly<DeviceSelection> = Object.freeze({
  cameraId: null,
  microphoneId: null,
  speakerId: null,
});
