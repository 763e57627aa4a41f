/**
 * Peer ids of meeting participants on the signaling server: `parley-<room tag>-<random suffix>`.
 * The room tag is a hash of the meeting code, so the server's id listing (`GET …/peers`, which
 * anyone on the LAN can read) names rooms without spelling out the codes that let people join.
 * Everybody derives the same tag from the same code; members are found by that prefix. Pure.
 */
import { MeetingCode, MeetingCodeError } from './MeetingCode';

const SUFFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const SUFFIX_LENGTH = 12;

/** Two independent 32-bit FNV-style hashes of the text, as 16 hex digits. */
function hash64(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x9e3779b9;
  for (let round = 0; round < 64; round += 1) {
    for (let i = 0; i < text.length; i += 1) {
      const c = text.charCodeAt(i) + round;
      h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
      h2 = (h2 ^ (h2 >>> 15)) >>> 0;
    }
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

export const MeetingIds = {
  /** The formatted code, or the input with the reason it is not a code. */
  parseCode(input: string): { code: string; error?: MeetingCodeError } {
    try {
      return { code: MeetingCode.parse(input) };
    } catch (error) {
      if (error instanceof MeetingCodeError) return { code: input, error };
      throw error;
    }
  },

  /** The room tag of a meeting code (any accepted spelling of the code gives the same tag). */
  roomTag(code: string): string {
    return hash64(`parley-room:${MeetingCode.roomId(code)}`);
  },

  /** What every member's id starts with. */
  prefix(code: string): string {
    return `parley-${MeetingIds.roomTag(code)}-`;
  },

  /** A participant's peer id. Throws a MeetingCodeError for an invalid code or suffix. */
  peerId(code: string, suffix: string): string {
    if (!/^[a-z0-9]{4,32}$/.test(suffix)) throw new RangeError('invalid peer id suffix');
    return `${MeetingIds.prefix(code)}${suffix}`;
  },

  /** True when `id` belongs to the meeting whose prefix is given. */
  isMember(id: string, prefix: string): boolean {
    return id.startsWith(prefix) && /^[a-z0-9]{4,32}$/.test(id.slice(prefix.length));
  },

  /** A fresh random suffix. */
  randomSuffix(
    random: (buffer: Uint8Array<ArrayBuffer>) => Uint8Array = (b) => crypto.getRandomValues(b),
  ): string {
    let out = '';
    for (const v of random(new Uint8Array(SUFFIX_LENGTH))) {
      out += SUFFIX_ALPHABET.charAt(v % SUFFIX_ALPHABET.length);
    }
    return out;
  },
} as const;
