/**
 * Frames the server writes, as JSON text, in exactly the shapes `peer` 1.0.2 uses, and the
 * `src` stamping of relayed frames.
 */
import { MessageType, type ClientMessage, type JsonObject } from '../../shared/signaling-protocol';

/** Error texts. The first four are `peer` 1.0.2's, verbatim. */
export const ErrorText = {
  InvalidKey: 'Invalid key provided',
  InvalidWsParameters: 'No id, token, or key supplied to websocket server',
  ConnectionLimit: 'Server has reached its concurrent user limit',
  IdTaken: 'ID is taken',
  InvalidId:
    'Invalid id: use 1-64 letters, digits, "-", "_" or spaces, starting and ending with a letter or digit',
  InvalidToken: 'Invalid token: use 1-128 characters',
  PerIpLimit: (limit: number) => `Too many connections from this address (limit ${limit})`,
  RateLimit: (rate: number) => `Rate limit exceeded: ${rate} messages/s`,
  MaxPayload: (bytes: number) => `Message too big: max_payload is ${bytes} bytes`,
  InvalidUtf8: 'Invalid UTF-8 in text frame',
  ProtocolError: 'WebSocket protocol error',
  Binary: 'Binary frames are not supported: send JSON text',
  InvalidJson: 'Message is not valid JSON',
  TooManyInvalid: (n: number) => `Too many invalid messages (${n})`,
  Internal: 'Internal server error',
  ShuttingDown: 'Server shutting down',
  Replaced: 'Replaced by a new connection',
  Left: 'Left',
  HeartbeatTimeout: (ms: number) => `No message for ${ms} ms`,
  SlowConsumer: 'Too much unsent data: the connection is not reading',
} as const;

/** `{"type":"OPEN"}` */
export const OPEN_FRAME = JSON.stringify({ type: MessageType.Open });

/** `{"type":"ERROR","payload":{"msg":…}}` */
export function errorFrame(msg: string): string {
  return JSON.stringify({ type: MessageType.Error, payload: { msg } });
}

/** `{"type":"ID-TAKEN","payload":{"msg":"ID is taken"}}` */
export const ID_TAKEN_FRAME = JSON.stringify({
  type: MessageType.IdTaken,
  payload: { msg: ErrorText.IdTaken },
});

/** `{"type":"INVALID-KEY","payload":{"msg":"Invalid key provided"}}` */
export const INVALID_KEY_FRAME = JSON.stringify({
  type: MessageType.InvalidKey,
  payload: { msg: ErrorText.InvalidKey },
});

/** EXPIRE told to `dst` (the original sender) about messages it sent to `src`. */
export function expireFrame(src: string, dst: string): string {
  return JSON.stringify({ type: MessageType.Expire, src, dst });
}

/** Bytes of the header of an unmasked WebSocket frame carrying `length` payload bytes. */
function headerLength(length: number): number {
  return length < 126 ? 2 : length < 65_536 ? 4 : 10;
}

/** Writes the header of a FIN text frame (opcode 1, unmasked, as servers send) at `out[0]`. */
function writeTextHeader(out: Buffer, length: number): void {
  out[0] = 0x81;
  if (length < 126) {
    out[1] = length;
  } else if (length < 65_536) {
    out[1] = 126;
    out.writeUInt16BE(length, 2);
  } else {
    out[1] = 127;
    out.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    out.writeUInt32BE(length >>> 0, 6);
  }
}

/**
 * A complete WebSocket text frame (header and payload) for `json`, ready to be written to the
 * TCP stream as it is (see `Client.sendFrame`).
 */
export function textFrame(json: string | Buffer): Buffer {
  const length = typeof json === 'string' ? Buffer.byteLength(json) : json.length;
  const h = headerLength(length);
  const out = Buffer.allocUnsafe(h + length);
  writeTextHeader(out, length);
  if (typeof json === 'string') out.write(json, h, 'utf8');
  else json.copy(out, h);
  return out;
}

/** The payload (the JSON text, as UTF-8 bytes) of a frame made by `textFrame` or `relayFrame`. */
export function framePayload(frame: Buffer): Buffer {
  const b1 = frame[1] ?? 0;
  return frame.subarray(b1 === 127 ? 10 : b1 === 126 ? 4 : 2);
}

/**
 * The frame to relay, as a complete WebSocket text frame (see `textFrame`): the client's message
 * with `src` set to the sender's id.
 *
 * Fast path: when the decoded object has no keys besides type, dst and payload, the client's
 * own bytes are reused with `"src":<id>,` spliced after its opening brace (no re-encoding), and
 * the frame header written in front of them in the same buffer (one allocation, one copy).
 * That is exact: `bytes` parsed (by JSON.parse, the parser every PeerJS client uses) to an
 * object with at least the `type` key, so it is `ws* "{" members "}" ws*` and prefixing one
 * member keeps it valid and adds exactly `src`, which it did not have. Ids are ASCII
 * (isValidPeerId), so the prefix is one byte per character. Otherwise (a client-sent src,
 * unknown keys) the frame is rebuilt from the validated message, dropping them, as `peer` does.
 */
export function relayFrame(
  bytes: Buffer,
  raw: JsonObject,
  message: Exclude<ClientMessage, { type: 'HEARTBEAT' }>,
  src: string,
): Buffer {
  let plain = true;
  for (const key in raw) {
    if (key !== 'type' && key !== 'dst' && key !== 'payload') {
      plain = false;
      break;
    }
  }
  if (!plain) {
    return textFrame(
      JSON.stringify({ type: message.type, src, dst: message.dst, payload: message.payload }),
    );
  }
  const brace = bytes.indexOf(0x7b); // '{'
  const prefix = `{"src":${JSON.stringify(src)},`;
  const length = prefix.length + bytes.length - brace - 1;
  const h = headerLength(length);
  const out = Buffer.allocUnsafe(h + length);
  writeTextHeader(out, length);
  out.write(prefix, h, 'latin1');
  bytes.copy(out, h + prefix.length, brace + 1);
  return out;
}

/** `relayFrame` without the frame header: the relayed JSON text as UTF-8 bytes. */
export function stampSource(
  bytes: Buffer,
  raw: JsonObject,
  message: Exclude<ClientMessage, { type: 'HEARTBEAT' }>,
  src: string,
): Buffer {
  return framePayload(relayFrame(bytes, raw, message, src));
}
