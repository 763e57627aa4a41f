/** UTF-8 helpers: TextEncoder/TextDecoder for bulk, small loops for short ASCII. */

export const textEncoder = new TextEncoder();
// ignoreBOM keeps a leading U+FEFF that was part of the sent string.
const textDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** Decodes bytes[start, end) as UTF-8; invalid sequences become U+FFFD (as TextDecoder does). */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  const length = end - start;
  if (length <= 16) {
    let out = '';
    for (let i = start; i < end; i++) {
      const c = bytes[i] ?? 0;
      if (c >= 0x80) return textDecoder.decode(bytes.subarray(start, end));
      out += String.fromCharCode(c);
    }
    return out;
  }
  return textDecoder.decode(bytes.subarray(start, end));
}

// PeerJS's JsonConnection uses a default TextDecoder, which drops a leading BOM.
const jsonDecoder = new TextDecoder();

/** Decodes a whole JSON frame's text (a leading BOM is dropped, as PeerJS does). */
export function decodeText(bytes: Uint8Array): string {
  return jsonDecoder.decode(bytes);
}
