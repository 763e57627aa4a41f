/** Pure helpers: grouping enumerateDevices() output and reconciling a selection with it. */
import {
  SELECTION_KEYS,
  type DeviceInfo,
  type DeviceKind,
  type DeviceLists,
  type DeviceSelection,
} from './types';

const KIND_OF: Partial<Record<MediaDeviceKind, DeviceKind>> = {
  videoinput: 'camera',
  audioinput: 'microphone',
  audiooutput: 'speaker',
};
const FALLBACK_LABEL: Record<DeviceKind, string> = {
  camera: 'Camera',
  microphone: 'Microphone',
  speaker: 'Speaker',
};

/**
 * Groups devices by kind, drops Chromium's "communications" alias, names unlabeled devices
 * ("Camera 2"), and marks the default entry.
 */
export function groupDevices(devices: readonly MediaDeviceInfo[]): DeviceLists {
  const lists: DeviceLists = { camera: [], microphone: [], speaker: [] };
  for (const d of devices) {
    const kind = KIND_OF[d.kind];
    if (!kind || d.deviceId === 'communications') continue;
    const list = lists[kind];
    if (d.deviceId !== '' && list.some((e) => e.id === d.deviceId)) continue;
    const label = d.label.trim() || `${FALLBACK_LABEL[kind]} ${list.length + 1}`;
    list.push({ kind, id: d.deviceId, label, isDefault: d.deviceId === 'default' });
  }
  for (const list of Object.values(lists)) {
    const first = list[0];
    if (first && !list.some((e) => e.isDefault)) first.isDefault = true;
  }
  return lists;
}

export interface Reconciled {
  selection: DeviceSelection;
  /** Kinds whose chosen device disappeared; their selection fell back to the default. */
  lost: { kind: DeviceKind; id: string }[];
}

/**
 * Keeps each chosen device if it is still present, else falls back to the default (null).
 * Lists without ids (no permission yet) cannot prove a device is gone, so they keep the choice.
 */
export function reconcileSelection(lists: DeviceLists, selection: DeviceSelection): Reconciled {
  const next = { ...selection };
  const lost: Reconciled['lost'] = [];
  for (const kind of Object.keys(SELECTION_KEYS) as DeviceKind[]) {
    const key = SELECTION_KEYS[kind];
    const id = selection[key];
    if (id === null) continue;
    const list = lists[kind];
    const anonymous = list.length > 0 && list.every((d) => d.id === '');
    if (anonymous || list.some((d) => d.id === id)) continue;
    next[key] = null;
    lost.push({ kind, id });
  }
  return { selection: next, lost };
}

/** The device actually in use for a kind: the chosen one, else the default entry. */
export function effectiveDevice(
  lists: DeviceLists,
  selection: DeviceSelection,
  kind: DeviceKind,
): DeviceInfo | undefined {
  const list = lists[kind];
  const id = selection[SELECTION_KEYS[kind]];
  return list.find((d) => d.id === id) ?? list.find((d) => d.isDefault) ?? list[0];
}
