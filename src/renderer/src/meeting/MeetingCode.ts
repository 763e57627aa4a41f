/**
 * Meeting codes: short, readable, typed by a person. Ten lowercase letters shown as
 * `abc-defg-hjk`, from an alphabet without look-alikes (no i, l, o). Input is forgiving: any case,
 * spaces, dashes or a whole link. Links are `parley://join/<code>[?host=..&port=..&path=..&key=..&secure=..]`
 * and `http(s)://host:port/[path/]#/join/<code>`.
 */
import {
  formatServerQuery,
  LinkServerError,
  normalizeServerPath,
  parseServerQuery,
  validateLinkServer,
  type LinkServer,
} from '../../../shared/meeting-link';

export type { LinkServer };
export const CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz';
export const CODE_LENGTH = 10;
const GROUPS = [3, 4, 3] as const;

/** Why some input is not a meeting code. */
export class MeetingCodeError extends Error {
  override readonly name = 'MeetingCodeError';
  readonly type = 'invalid-code';
}

/** Where a link points: the code, and the server when the link names one. */
export interface MeetingLink {
  code: string;
  /** Origin of the server of an http(s) link, e.g. `https://192.168.1.20:9000`. */
  serverOrigin?: string;
  /** The meeting's signaling server (every field validated). */
  server?: LinkServer;
}

export const MeetingCode = {
  /** A fresh random code, formatted. */
  generate(
    random: (buffer: Uint32Array<ArrayBuffer>) => Uint32Array = (b) => crypto.getRandomValues(b),
  ): string {
    const n = CODE_ALPHABET.length;
    const limit = Math.floor(0x1_0000_0000 / n) * n; // rejection sampling: no modulo bias
    let raw = '';
    while (raw.length < CODE_LENGTH) {
      for (const v of random(new Uint32Array(CODE_LENGTH))) {
        if (v < limit && raw.length < CODE_LENGTH) raw += CODE_ALPHABET.charAt(v % n);
      }
    }
    return MeetingCode.format(raw);
  },

  /**
   * A code derived from a stable string (e.g. a LAN advert's id), the same on every machine, so
   * everybody who joins a discovered meeting lands in the same room. Not a secret.
   */
  fromSeed(seed: string): string {
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193;
    let raw = '';
    for (let round = 0; raw.length < CODE_LENGTH; round += 1) {
      for (const ch of `${round}:${seed}`) {
        h1 = Math.imul(h1 ^ ch.charCodeAt(0), 0x01000193) >>> 0;
        h2 = Math.imul(h2 ^ ch.charCodeAt(0), 0x5bd1e995) >>> 0;
      }
      raw += CODE_ALPHABET.charAt(h1 % CODE_ALPHABET.length);
      raw += CODE_ALPHABET.charAt(h2 % CODE_ALPHABET.length);
    }
    return MeetingCode.format(raw.slice(0, CODE_LENGTH));
  },

  /** `abcdefghjk` → `abc-defg-hjk` (expects a normalized, valid code). */
  format(raw: string): string {
    let at = 0;
    return GROUPS.map((len) => raw.slice(at, (at += len))).join('-');
  },

  /**
   * Reads what a person typed or pasted (a code in any case with spaces/dashes, or a link) and
   * returns the formatted code. Throws a `MeetingCodeError` with a message fit to show.
   */
  parse(input: string): string {
    return MeetingCode.parseLink(input).code;
  },

  /**
   * Like `parse`, and also returns the server a link names: `parley://join/<code>?host=..&port=..`
   * (every field checked), or the origin and folder of an `http(s)://host:port/path/#/join/<code>`
   * link (its key is unknown: `peerjs`, and the engine asks the server's config for the real one).
   */
  parseLink(input: string): MeetingLink {
    const text = input.trim();
    if (text === '') throw new MeetingCodeError('Enter a meeting code or link.');
    if (text.length > 2048) throw new MeetingCodeError('That link is too long.');
    const app = /^parley:\/\/join\/([^?#]*)(?:\?([^#]*))?$/i.exec(text);
    if (app) {
      const code = normalize((app[1] ?? '').replace(/\/$/, ''));
      const server = linkServer(() => parseServerQuery(app[2] ?? ''));
      return server ? { code, server } : { code };
    }
    // `…/#/join/<code>` (the app's own link) or `…/join/<code>` (the server's redirect form).
    const web =
      /^(https?:\/\/[^/\s?#]+)(\/[^#\s]*)?#\/?join\/(.*)$/i.exec(text) ??
      /^(https?:\/\/[^/\s?#]+)(\/(?:[^#\s?]*\/)?)join\/([^/?#\s]+\/?)$/i.exec(text);
    if (web) {
      const code = normalize((web[3] ?? '').replace(/\/$/, ''));
      const origin = (web[1] ?? '').toLowerCase();
      const server = linkServer(() => webLinkServer(origin, web[2] ?? '/'));
      return server ? { code, serverOrigin: origin, server } : { code, serverOrigin: origin };
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
      throw new MeetingCodeError(
        'That link is not a Parley meeting link (expected …/join/abc-defg-hjk).',
      );
    }
    return { code: normalize(text) };
  },

  /** True when `input` reads as a valid code or link. */
  isValid(input: string): boolean {
    try {
      MeetingCode.parse(input);
      return true;
    } catch {
      return false;
    }
  },

  /** The room id (the compact code), e.g. for LAN discovery records. */
  roomId(code: string): string {
    return compact(code);
  },

  /** `parley://join/<code>`, with `?host=..&port=..&path=..&key=..&secure=..` when a server is given. */
  appLink(code: string, server?: LinkServer): string {
    const base = `parley://join/${MeetingCode.parse(code)}`;
    return server ? `${base}?${formatServerQuery(validateLinkServer(server))}` : base;
  },

  /** `http(s)://host:port/#/join/<code>` for a server origin. */
  webLink(code: string, serverOrigin: string): string {
    return `${serverOrigin.replace(/\/+$/, '')}/#/join/${MeetingCode.parse(code)}`;
  },
} as const;

/** Runs a server parser, turning its LinkServerError into a MeetingCodeError. */
function linkServer(parse: () => LinkServer | undefined): LinkServer | undefined {
  try {
    return parse();
  } catch (e) {
    if (e instanceof LinkServerError) throw new MeetingCodeError(e.message, { cause: e });
    throw e;
  }
}

/** The server of an http(s) link: its host and port, the folder of its path, key `peerjs`. */
function webLinkServer(origin: string, pathname: string): LinkServer {
  let url: URL;
  try {
    url = new URL(origin);
  } catch (cause) {
    throw new LinkServerError('The link’s server address is not valid.', { cause });
  }
  const secure = url.protocol === 'https:';
  return validateLinkServer({
    host: url.hostname,
    port: Number(url.port || (secure ? 443 : 80)),
    path: normalizeServerPath(pathname.replace(/\?.*$/, '').replace(/[^/]*$/, '')),
    key: 'peerjs',
    secure,
  });
}

function compact(code: string): string {
  return MeetingCode.parse(code).replaceAll('-', '');
}

function normalize(input: string): string {
  const raw = input.toLowerCase().replace(/[\s\-_.]+/g, '');
  if (raw === '') throw new MeetingCodeError('Enter a meeting code or link.');
  const bad = Array.from(raw).find((c) => !CODE_ALPHABET.includes(c));
  if (bad !== undefined) {
    const shown = bad.length === 1 && bad >= ' ' ? `“${bad}”` : 'a symbol';
    const hint = 'ilo'.includes(bad) ? ' (codes never use i, l or o)' : '';
    throw new MeetingCodeError(
      `${shown} can't be in a meeting code${hint}: codes are letters like abc-defg-hjk.`,
    );
  }
  if (raw.length !== CODE_LENGTH) {
    throw new MeetingCodeError(
      `A meeting code has ${CODE_LENGTH} letters, like abc-defg-hjk; this has ${raw.length}.`,
    );
  }
  return MeetingCode.format(raw);
}
