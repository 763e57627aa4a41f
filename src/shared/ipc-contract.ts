/**
 * Every IPC channel between the renderer and main, in one place:
 * - requests (renderer → main, answered): the zod schema of the argument + the result type;
 * - events (main → renderer, one-way): the payload type.
 * Main validates every argument with these schemas; the preload binds one named method per channel.
 * Results travel as an IpcResult envelope so errors keep their type across the process boundary.
 */
import { z } from 'zod';
import type { LinkServer } from './meeting-link';
import { settingsPatchSchema, type Settings } from './settings';

/** A meeting link opened from outside: the code, and the meeting's server when the link names one. */
export interface JoinLink {
  readonly code: string;
  readonly server?: LinkServer;
}

const id = z.string().min(1).max(512);

/** What the renderer reports about the call, so menus, tray and power-save follow it. */
export const callStateSchema = z
  .object({
    inCall: z.boolean(),
    muted: z.boolean(),
    cameraOn: z.boolean(),
    screenSharing: z.boolean(),
    handRaised: z.boolean(),
    meetingName: z.string().max(128).nullable(),
    participants: z.number().int().min(0).max(1000),
  })
  .strict();
export type CallState = z.infer<typeof callStateSchema>;

export const IDLE_CALL_STATE: CallState = {
  inCall: false,
  muted: false,
  cameraOn: false,
  screenSharing: false,
  handRaised: false,
  meetingName: null,
  participants: 0,
};

/** One media device as enumerateDevices() reports it (labels known once permission is granted). */
export const mediaDeviceSchema = z
  .object({
    deviceId: id,
    kind: z.enum(['videoinput', 'audioinput', 'audiooutput']),
    label: z.string().max(256),
  })
  .strict();
export type MediaDeviceEntry = z.infer<typeof mediaDeviceSchema>;

export const deviceKindSchema = z.enum(['camera', 'microphone', 'speaker']);
export type DeviceKind = z.infer<typeof deviceKindSchema>;

export const deviceSelectionSchema = z
  .object({ kind: deviceKindSchema, deviceId: id.nullable() })
  .strict();
export type DeviceSelection = z.infer<typeof deviceSelectionSchema>;

export const screenSourcesQuerySchema = z
  .object({
    types: z
      .array(z.enum(['screen', 'window']))
      .min(1)
      .max(2),
    thumbnailSize: z
      .object({
        width: z.number().int().min(16).max(1920),
        height: z.number().int().min(16).max(1080),
      })
      .strict(),
  })
  .strict();
export type ScreenSourcesQuery = z.infer<typeof screenSourcesQuerySchema>;

/** The renderer's answer to a 'screen:pick-request': a source id, or null to cancel. */
export const screenChoiceSchema = z
  .object({ requestId: z.string().min(1).max(64), sourceId: id.nullable(), audio: z.boolean() })
  .strict();
export type ScreenChoice = z.infer<typeof screenChoiceSchema>;

/** A notification the renderer asks for; shown only when the window is not focused. */
export const notificationSchema = z
  .object({
    kind: z.enum(['chat', 'join']),
    title: z.string().min(1).max(128),
    body: z.string().max(512),
  })
  .strict();
export type CallNotification = z.infer<typeof notificationSchema>;

export const openExternalSchema = z.object({ url: z.string().min(1).max(2048) }).strict();

/** A capturable screen or window, with a PNG data-URL thumbnail for the picker. */
export interface ScreenSource {
  readonly id: string;
  readonly name: string;
  readonly kind: 'screen' | 'window';
  readonly thumbnailDataUrl: string;
  readonly appIconDataUrl: string | null;
}

/** The built-in signaling server as the user should see it. */
export interface ServerStatus {
  readonly state: 'stopped' | 'starting' | 'running' | 'failed';
  /** Port actually bound (may differ from settings when that one was taken). */
  readonly port: number | null;
  /** URL for this machine (loopback), e.g. http://127.0.0.1:9000/ */
  readonly localUrl: string | null;
  /** URLs others on the LAN use, one per non-internal IPv4 address. */
  readonly lanUrls: readonly string[];
  readonly addresses: readonly string[];
  /** Why the server is not running, fit to show. */
  readonly error: string | null;
  /** The running server's path ('/' or '/a/b/') and key, as clients must use them. */
  readonly path?: string;
  readonly key?: string;
}

/** A meeting found on the LAN by mDNS (same shape as main/discovery's DiscoveredMeeting). */
export interface LanMeeting {
  readonly id: string;
  readonly name: string;
  readonly host: string;
  readonly addresses: readonly string[];
  readonly port: number;
  readonly path: string;
  readonly key: string;
  readonly secure: boolean;
  readonly protocolVersion: string;
}

export interface AppInfo {
  readonly version: string;
  readonly platform: string;
}

/** Argument schemas of the request channels (z.undefined() = no argument). */
export const ipcRequestSchemas = {
  'settings:get': z.undefined(),
  'settings:patch': settingsPatchSchema,
  'devices:report': z.array(mediaDeviceSchema).max(128),
  'devices:select': deviceSelectionSchema,
  'call:report-state': callStateSchema,
  'call:notify': notificationSchema,
  'server:get-status': z.undefined(),
  'discovery:list': z.undefined(),
  'screen:list-sources': screenSourcesQuerySchema,
  'screen:choose': screenChoiceSchema,
  'app:open-external': openExternalSchema,
  'app:get-info': z.undefined(),
} as const;

/** Result types of the request channels. */
export interface IpcRequestResults {
  'settings:get': Settings;
  'settings:patch': Settings;
  'devices:report': undefined;
  'devices:select': Settings['devices'];
  'call:report-state': undefined;
  /** True when a notification was shown (false: the window had focus). */
  'call:notify': boolean;
  'server:get-status': ServerStatus;
  'discovery:list': readonly LanMeeting[];
  'screen:list-sources': readonly ScreenSource[];
  'screen:choose': undefined;
  'app:open-external': undefined;
  'app:get-info': AppInfo;
}

export type IpcRequestChannel = keyof typeof ipcRequestSchemas;
/** What the renderer passes (schema input). */
export type IpcArgs<C extends IpcRequestChannel> = z.input<(typeof ipcRequestSchemas)[C]>;
/** What main's handler receives (schema output, validated). */
export type IpcParsedArgs<C extends IpcRequestChannel> = z.output<(typeof ipcRequestSchemas)[C]>;
export type IpcResultOf<C extends IpcRequestChannel> = IpcRequestResults[C];

/** Commands from the menu, tray or global shortcut to the call UI. */
export type CallCommand =
  'toggle-mute' | 'toggle-camera' | 'toggle-screen-share' | 'toggle-hand' | 'leave';

/** Main asks the renderer to show its screen picker; answer with 'screen:choose'. */
export interface ScreenPickRequest {
  readonly requestId: string;
  readonly sources: readonly ScreenSource[];
  /** Whether the page asked for system audio too. */
  readonly audioRequested: boolean;
}

/** Events main → renderer and their payloads. */
export interface IpcEvents {
  /** Settings changed (from any window, the menu or the tray). */
  'settings:changed': Settings;
  /** Settings could not be loaded as written; safe values are in use. */
  'settings:warning': { readonly message: string };
  'server:status': ServerStatus;
  'discovery:meetings': readonly LanMeeting[];
  'call:command': CallCommand;
  'screen:pick-request': ScreenPickRequest;
  /** A screen pick request timed out or was cancelled by main; close the picker. */
  'screen:pick-cancelled': { readonly requestId: string };
  /**
   * A parley://join/<code>[?host=..&port=..&path=..&key=..&secure=..] link was opened; `server`
   * is the meeting's signaling server when the link names one (validated by main).
   */
  'app:deep-link': JoinLink;
}
export type IpcEventChannel = keyof IpcEvents;

/** Error kinds an IPC request can fail with. */
export type IpcErrorType =
  | 'invalid-arguments'
  | 'untrusted-sender'
  | 'unknown-channel'
  | 'invalid-settings'
  | 'not-available'
  | 'failed';

export interface IpcErrorPayload {
  readonly type: IpcErrorType;
  readonly message: string;
  /** Field-level problems for 'invalid-arguments' / 'invalid-settings'. */
  readonly issues: readonly string[];
}

/** The envelope every request resolves with. */
export type IpcResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: IpcErrorPayload };

export const ipcRequestChannels = Object.keys(ipcRequestSchemas) as IpcRequestChannel[];
