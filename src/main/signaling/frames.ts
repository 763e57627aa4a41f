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

/**
 * The frame to relay, as UTF-8 bytes: the client's message with `src` set to the sender's id.
 *
 * Fast path: when the decoded object has no keys besides type, dst and payload, the client's
 * own bytes are reused with `"src":<id>,` spliced after its opening brace (no re-encoding).
 * That is exact: `bytes` parsed (by JSON.parse, the parser every PeerJS client uses) to an
 * object with at least the `type` key, so it is `ws* "{" members "}" ws*` and prefixing one
 * member keeps it valid and adds exactly `src`, which it did not have. Ids are ASCII
 * (isValidPeerId), so the prefix is one byte per character. Otherwise (a client-sent src,
 * unknown keys) the frame is rebuilt from the validated message, dropping them, as `peer` does.
 */
export function stampSource(
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
  if (plain) {
    const brace = bytes.indexOf(0x7b); // '{'
    const prefix = `{"src":${JSON.stringify(src)},`;
    const out = Buffer.allocUnsafe(prefix.length + bytes.length - brace - 1);
    out.write(prefix, 0, 'latin1');
    bytes.copy(out, prefix.length, brace + 1);
    return out;
  }
  return Buffer.from(
    JSON.stringify({ type: message.type, src, dst: message.dst, payload: message.payload }),
  );
}
