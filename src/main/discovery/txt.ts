/**
 * The TXT record of a Parley advert (RFC 6763 §6): short `key=value` strings, `txtvers` first.
 *
 *   txtvers=1  name=<meeting name>  path=/  key=peerjs  scheme=http|https  pv=1
 *
 * Decoding is defensive: adverts come from anyone on the LAN.
 */
import { PROTOCOL_VERSION, TXT_VERSION, type MeetingAdvert } from './types';
import { SERVER_KEY_PATTERN } from '../../shared/server-config';

/** The fields of a decoded Parley TXT record. */
export interface MeetingTxt {
  readonly name: string | undefined;
  readonly path: string;
  readonly key: string;
  readonly secure: boolean;
  readonly protocolVersion: string;
}

/** Longest meeting name carried in TXT, in UTF-8 bytes (a TXT string holds at most 255). */
export const MAX_TXT_NAME_BYTES = 200;
/** Longest DNS label (the instance name), in UTF-8 bytes. */
export const MAX_LABEL_BYTES = 63;

const PATH_RE = /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/;

/** Cuts `text` to at most `maxBytes` UTF-8 bytes without splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  let bytes = 0;
  let out = '';
  for (const ch of text) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (bytes + size > maxBytes) break;
    bytes += size;
    out += ch;
  }
  return out;
}

/** Meeting name without control characters and surrounding blanks. */
export function cleanName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
}

/**
 * A DNS-SD instance name for `name`: one DNS label (bonjour-service does not escape dots, so
 * they become `-`), at most 63 bytes.
 */
export function instanceLabel(name: string): string {
  const label = truncateUtf8(cleanName(name).replace(/\./g, '-'), MAX_LABEL_BYTES).trim();
  return label.length > 0 ? label : 'Parley';
}

/** The TXT key/value pairs advertising `advert`. No empty values (bonjour-service drops them). */
export function encodeMeetingTxt(advert: MeetingAdvert): Record<string, string> {
  const name = truncateUtf8(cleanName(advert.name), MAX_TXT_NAME_BYTES);
  return {
    txtvers: TXT_VERSION,
    ...(name.length > 0 ? { name } : {}),
    path: advert.path,
    key: advert.key,
    scheme: advert.secure ? 'https' : 'http',
    pv: PROTOCOL_VERSION,
  };
}

/** Result of decoding a TXT record: the fields, or why the advert is unusable. */
export type TxtDecodeResult =
  { readonly ok: true; readonly txt: MeetingTxt } | { readonly ok: false; readonly reason: string };

function stringField(txt: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = txt[key];
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return undefined;
}

/** Decodes the TXT object bonjour-service hands us (`service.txt`, values strings). */
export function decodeMeetingTxt(raw: unknown): TxtDecodeResult {
  if (typeof raw !== 'object' || raw === null) return { ok: false, reason: 'no TXT record' };
  const txt = raw as Readonly<Record<string, unknown>>;
  const version = stringField(txt, 'txtvers');
  if (version !== TXT_VERSION) {
    return { ok: false, reason: `unsupported txtvers ${JSON.stringify(version ?? null)}` };
  }
  const path = stringField(txt, 'path');
  if (path === undefined || !PATH_RE.test(path)) {
    return { ok: false, reason: `invalid path ${JSON.stringify(path ?? null)}` };
  }
  const key = stringField(txt, 'key');
  if (key === undefined || !SERVER_KEY_PATTERN.test(key)) {
    return { ok: false, reason: `invalid key ${JSON.stringify(key ?? null)}` };
  }
  const scheme = stringField(txt, 'scheme');
  if (scheme !== 'http' && scheme !== 'https') {
    return { ok: false, reason: `invalid scheme ${JSON.stringify(scheme ?? null)}` };
  }
  const pv = stringField(txt, 'pv');
  if (pv === undefined || !/^\d{1,3}$/.test(pv)) {
    return { ok: false, reason: `invalid protocol version ${JSON.stringify(pv ?? null)}` };
  }
  const rawName = stringField(txt, 'name');
  const name = rawName === undefined ? undefined : cleanName(rawName);
  return {
    ok: true,
    txt: {
      name:
        name !== undefined && name.length > 0 ? truncateUtf8(name, MAX_TXT_NAME_BYTES) : undefined,
      path,
      key,
      secure: scheme === 'https',
      protocolVersion: pv,
    },
  };
}
