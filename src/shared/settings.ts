/**
 * The one settings schema: what the user can configure, its defaults, and the migration of files
 * written by older versions. Used by main (persistence, validation) and the renderer (forms).
 */
import { z } from 'zod';
import { isAccelerator } from './accelerator';
import { IceConfigError, MAX_ICE_SERVERS, validateIceServer } from './ice';

/** Version of the settings layout written by this build. Bump it and add a migration on change. */
export const SETTINGS_SCHEMA_VERSION = 3;

/** First port tried by the built-in signaling server. */
export const DEFAULT_SERVER_PORT = 9000;

const ICE_PATH_ROOT = 'server';

/** `server.urls[1]` → `['urls', 1]` (an IceConfigError path as zod issue path segments). */
function icePathSegments(path: string): (string | number)[] {
  const rest = path.startsWith(ICE_PATH_ROOT) ? path.slice(ICE_PATH_ROOT.length) : path;
  const segments: (string | number)[] = [];
  for (const m of rest.matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)) {
    segments.push(m[2] !== undefined ? Number(m[2]) : (m[1] ?? ''));
  }
  return segments;
}

/**
 * One STUN/TURN server as RTCIceServer. The shape is checked here; the rules (URL syntax with
 * stun:, stuns:, turn:, turns:, TURN credentials, field lengths) are ice.ts's `validateIceServer`,
 * the same function the settings form and `parley serve` use, so the form and the saved file can
 * never disagree. `urls` stays as written (a string or an array) so older files keep their shape.
 */
export const iceServerSchema = z
  .object({
    urls: z.union([z.string(), z.array(z.string())]),
    username: z.string().optional(),
    credential: z.string().optional(),
  })
  .strict()
  .superRefine((server, ctx) => {
    try {
      validateIceServer(server, ICE_PATH_ROOT);
    } catch (e) {
      if (!(e instanceof IceConfigError)) throw e;
      ctx.addIssue({ code: 'custom', message: e.reason, path: icePathSegments(e.path) });
    }
  });

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
    iceServers: z.array(iceServerSchema).max(MAX_ICE_SERVERS),
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
    /** System notifications while the window has no focus (desktop app), by kind. */
    notifications: z
      .object({
        /** A chat message from someone else. */
        chat: z.boolean(),
        /** Someone joined the meeting. */
        joins: z.boolean(),
      })
      .strict(),
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
    notifications: settingsSchema.shape.notifications.partial(),
  })
  .partial()
  .strict();

export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** Safe defaults: hosting on, LAN only (no ICE servers), system theme, every notification on. */
export function defaultSettings(): Settings {
  return {
    schemaVersion: SETTINGS_SCHEMA_VERSION,
    displayName: '',
    devices: { cameraId: null, microphoneId: null, speakerId: null },
    iceServers: [],
    hosting: { enabled: true, port: DEFAULT_SERVER_PORT, meetingName: '' },
    shortcuts: { muteGlobal: 'CommandOrControl+Shift+M', pushToTalk: '' },
    theme: 'system',
    notifications: { chat: true, joins: true },
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
    notifications: { ...current.notifications, ...patch.notifications },
  });
}
