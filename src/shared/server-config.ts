/**
 * What a Parley signaling server says about itself: the PeerJS key rule every server, link and
 * advert shares, and the body of `GET {path}parley/config` (served by `parley serve` and the
 * desktop app's built-in server, read by the web host bridge and the meeting engine). Received
 * bodies are untrusted: `parseServerConfigBody` keeps only fields that pass their checks.
 */
import { validateIceServers, type IceServer } from './ice';

/** A PeerJS API key: 1–128 URL-safe characters. */
export const SERVER_KEY_PATTERN = /^[A-Za-z0-9._~-]{1,128}$/;
/** A server path as servers normalize it: '/' or '/a/b/'. */
export const SERVER_PATH_PATTERN = /^\/(?:[A-Za-z0-9._~-]+\/)*$/;
const MAX_TEXT = 256;

/** The meeting a server hosts, as its LAN advert names it. */
export interface ServerConfigMeeting {
  id: string;
  name: string;
}

/** The checked fields of a config body (absent: the server did not say, or said nonsense). */
export interface ServerConfigBody {
  iceServers: IceServer[];
  path?: string;
  key?: string;
  meeting?: ServerConfigMeeting;
}

/** @throws IceConfigError when the ICE servers are invalid. */
export function parseServerConfigBody(body: unknown): ServerConfigBody {
  const record = asRecord(body);
  const result: ServerConfigBody = { iceServers: validateIceServers(record.iceServers ?? []) };
  if (typeof record.path === 'string' && SERVER_PATH_PATTERN.test(record.path)) {
    result.path = record.path;
  }
  if (typeof record.key === 'string' && SERVER_KEY_PATTERN.test(record.key)) {
    result.key = record.key;
  }
  const meeting = asRecord(record.meeting);
  if (isText(meeting.id) && isText(meeting.name)) {
    result.meeting = { id: meeting.id, name: meeting.name };
  }
  return result;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= MAX_TEXT;
}
