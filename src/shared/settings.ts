/**
 * The one settings schema: what the user can configure, its defaults, and the migration of files
 * written by older versions. Used by main (persistence, validation) and the renderer (forms).
 */
import { z } from 'zod';
import { isAccelerator } from './accelerator';

/** Version of the settings layout written by this build. Bump it and add a migration on change. */
export const SETTINGS_SCHEMA_VERSION = 2;

/** First port tried by the built-in signaling server. */
export const DEFAULT_SERVER_PORT = 9000;

const ICE_URL = /^(stun|turn|turns):[^\s]+$/i;

/** One STUN/TURN server as RTCIceServer; TURN needs a username and a credential. */
export const iceServerSchema = z
  .object({
    urls: z.union([
      z.string().regex(ICE_URL, 'must start with stun:, turn: or turns:').max(512),
      z
        .array(z.string().regex(ICE_URL, 'must start with stun:, turn: or turns:').max(512))
        .min(1)
        .max(8),
    ]),
    username: z.string().max(256).optional(),
    credential: z.string().max(256).optional(),
  })
  .strict()
  .refine(
    (s) => {
      const urls = Array.isArray(s.urls) ? s.urls : [s.urls];
      const turn = urls.some((u) => /^turns?:/i.test(u));
      return !turn || (Boolean(s.username) && Boolean(s.credential));
    },
    { message: 'a TURN server needs a username and a credential' },
  );

/** A device id from enumerateDevices(), or null for the system default. */
const deviceId = z.string().min(1).max(512).nullable();

/** An Electron accelerator, or '' for "not set". */
const accelerator = z
  .string()
  .max(64)
  .refine((s) => s === '' || isAccelerator(s), { message: 'not a valid key combination' });

export const settingsSchema = z
  .object({
    schemaVersion: z.literal(SETTINGS_SCHEMA_VERSION),
    displayName: z.string().trim().max(64),
    devices: z.object({ cameraId: deviceId, microphoneId: deviceId, speakerId: deviceId }).strict(),
    iceServers: z.array(iceServerSchema).max(16),
    hosting: z
      .object({
        enabled: z.boolean(),
        port: z.number().int().min(1024).max(65535),
        meetingName: z.string().trim().max(64),
      })
      .strict(),
    shortcuts: z
      .object({
        /** Global (system-wide) shortcut that toggles mute; '' disables it. */
        muteGlobal: accelerator,
        /** In-window key held to talk while muted; '' disables push-to-talk. */
        pushToTalk: accelerator,
      })
      .strict(),
    theme: z.enum(['system', 'light', 'dark']),
  })
  .strict();

export type Settings = z.infer<typeof settingsSchema>;
export type IceServerSetting = z.infer<typeof iceServerSchema>;
export type Theme = Settings['theme'];

/** A partial update: any top-level section, each section itself partial. */
export const settingsPatchSchema = z
  .object({
    displayName: settingsSchema.shape.displayName,
    devices: settingsSchema.shape.devices.partial(),
    iceServers: settingsSchema.shape.iceServers,
    hosting: settingsSchema.shape.hosting.partial(),
    shortcuts: settingsSchema.shape.shortcuts.partial(),
    theme: settingsSchema.shape.theme,
  })
  .partial()
  .strict();

export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** Safe defaults: hosting on, LAN only (no ICE servers), system theme. */
export function defaultSettings(): Settings {
  return {
    schemaVersion: SETTINGS_SCHEMA_VERSION,
    displayName: '',
    devices: { cameraId: null, microphoneId: null, speakerId: null },
    iceServers: [],
    hosting: { enabled: true, port: DEFAULT_SERVER_PORT, meetingName: '' },
    shortcuts: { muteGlobal: 'CommandOrControl+Shift+M', pushToTalk: '' },
    theme: 'system',
  };
}

/** Applies a validated patch (sections merged one level deep) and validates the result. */
export function applySettingsPatch(current: Settings, patch: SettingsPatch): Settings {
  return settingsSchema.parse({
    ...current,
    ...patch,
    devices: { ...current.devices, ...patch.devices },
    hosting: { ...current.hosting, ...patch.hosting },
    shortcuts: { ...current.shortcuts, ...patch.shortcuts },
  });
}
