import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { testIceServers, type IceTestResult } from '../meeting/IceTester';
import { IceConfigError, validateIceServer } from '../../../shared/ice';
import type { DeviceSelection } from '../devices/types';
import { appHost, type Settings, type SettingsPatch } from './hostPort';

export type ThemeChoice = Settings['theme'];
export type IceServerSetting = Settings['iceServers'][number];

/** An ICE server row as edited in the settings form (urls as one comma/space separated line). */
export interface IceServerDraft {
  urls: string;
  username: string;
  credential: string;
}

/** Validates one draft row; returns the setting or a message for the row. */
export function parseIceDraft(draft: IceServerDraft): { value?: IceServerSetting; error?: string } {
  const urls = draft.urls
    .split(/[\s,]+/)
    .map((u) => u.trim())
    .filter(Boolean);
  if (urls.length === 0) return { error: 'Enter at least one stun: or turn: URL.' };
  const candidate = {
    urls,
    ...(draft.username ? { username: draft.username } : {}),
    ...(draft.credential ? { credential: draft.credential } : {}),
  };
  try {
    const valid = validateIceServer(candidate, 'server');
    return {
      value: {
        urls: [...valid.urls],
        ...(valid.username !== undefined ? { username: valid.username } : {}),
        ...(valid.credential !== undefined ? { credential: valid.credential } : {}),
      },
    };
  } catch (e) {
    if (e instanceof IceConfigError) return { error: humanIceError(e) };
    throw e;
  }
}

function humanIceError(e: IceConfigError): string {
  const where = /\.urls/.test(e.path)
    ? 'URL'
    : /username/.test(e.path)
      ? 'Username'
      : /credential/.test(e.path)
        ? 'Credential'
        : '';
  const reason = e.reason.charAt(0).toUpperCase() + e.reason.slice(1);
  return where ? `${where}: ${e.reason}` : `${reason}.`;
}

/**
 * Where a host's issue ("iceServers.0.urls.1: must start with …", as main and the web host
 * report them) belongs in the form: the ICE row `iceServers.<n>`, a section field such as
 * `hosting.port`, or a top-level key; the message without its path.
 */
export function issueField(issue: string): { field: string; message: string } {
  const at = issue.indexOf(': ');
  if (at < 0) return { field: '', message: issue };
  const path = issue.slice(0, at).split('.');
  const message = issue.slice(at + 2);
  const [head = '', second] = path;
  if (head === 'iceServers' && second !== undefined && /^\d+$/.test(second)) {
    return { field: `iceServers.${second}`, message };
  }
  if ((head === 'hosting' || head === 'shortcuts' || head === 'devices') && second !== undefined) {
    return { field: `${head}.${second}`, message };
  }
  return { field: head, message };
}

/** A failed save as a message and the field messages of its issues (first issue per field). */
export function describeSaveError(error: unknown): {
  message: string;
  fields: Record<string, string>;
} {
  const fields: Record<string, string> = {};
  const issues =
    typeof error === 'object' && error !== null && 'issues' in error && Array.isArray(error.issues)
      ? (error.issues as unknown[]).filter((i): i is string => typeof i === 'string')
      : [];
  for (const issue of issues) {
    const { field, message } = issueField(issue);
    if (field && fields[field] === undefined) fields[field] = message;
  }
  const message = error instanceof Error ? error.message : String(error);
  return { message, fields };
}

/**
 * The person's settings (display name, devices, ICE servers, hosting, theme), loaded from and
 * saved through the host (Electron settings file, or browser storage for a web tab), plus the
 * ICE "Test" button.
 */
export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<Settings | null>(null);
  const loadError = ref<string | null>(null);
  const iceTest = ref<{ running: boolean; result: IceTestResult | null; error: string | null }>({
    running: false,
    result: null,
    error: null,
  });
  let offChanged: (() => void) | undefined;

  const displayName = computed(() => settings.value?.displayName ?? '');
  const theme = computed<ThemeChoice>(() => settings.value?.theme ?? 'system');
  const iceServers = computed<IceServerSetting[]>(() => settings.value?.iceServers ?? []);

  async function load(): Promise<void> {
    const host = appHost();
    try {
      settings.value = await host.getSettings();
      loadError.value = null;
    } catch (e) {
      loadError.value = `Settings could not be loaded: ${e instanceof Error ? e.message : String(e)}`;
    }
    offChanged ??= host.onSettingsChanged((s) => {
      settings.value = s;
    });
  }

  /** Saves a change; throws with a message fit to show when the host rejects it. */
  async function patch(change: SettingsPatch): Promise<void> {
    settings.value = await appHost().patchSettings(change);
  }

  /** The device selection store the devices module persists through. */
  const deviceSelectionStore = {
    load: (): DeviceSelection => ({
      cameraId: settings.value?.devices.cameraId ?? null,
      microphoneId: settings.value?.devices.microphoneId ?? null,
      speakerId: settings.value?.devices.speakerId ?? null,
    }),
    save: async (selection: DeviceSelection): Promise<void> => {
      await patch({ devices: selection });
    },
    /** Settings changed by the host (a device picked in the Call menu or the tray). */
    subscribe: (listener: (selection: DeviceSelection) => void): (() => void) =>
      watch(
        () => settings.value?.devices,
        (devices) => {
          if (devices) listener({ ...devices });
        },
      ),
  };

  /** Gathers candidates against `servers` (default: the saved ones) and keeps the result. */
  async function testIce(servers: IceServerSetting[] = iceServers.value): Promise<void> {
    iceTest.value = { running: true, result: null, error: null };
    try {
      const result = await testIceServers(
        servers.map((s) => ({ ...s, urls: [...(Array.isArray(s.urls) ? s.urls : [s.urls])] })),
      );
      iceTest.value = { running: false, result, error: null };
    } catch (e) {
      iceTest.value = {
        running: false,
        result: null,
        error: e instanceof Error ? e.message : String(e),
      };
    }
  }

  return {
    settings,
    loadError,
    displayName,
    theme,
    iceServers,
    iceTest,
    deviceSelectionStore,
    load,
    patch,
    testIce,
  };
});
