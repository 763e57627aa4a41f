import WebSocket from 'ws';
import { CloseCode } from '../../../shared/signaling-protocol';
import { ErrorText, errorFrame } from '../frames';
import type { Client } from '../models/Client';

/**
 * The server side of one client connection: a `ws` WebSocket that knows its client and address
 * (so listeners are shared functions, not per-socket closures).
 *
 * It also fixes how `ws` rejects a bad frame: on an oversized frame (over `maxPayload`), invalid
 * UTF-8 or a protocol violation, `ws` calls `close(code)` with no reason before emitting
 * 'error'. Here such a close first sends an ERROR saying which limit or rule was broken and puts
 * the same text in the close frame, so the client learns why.
 */
export class SignalingSocket extends WebSocket {
  /** The registered client on this socket; undefined until registration (or if rejected). */
  client: Client | undefined = undefined;
  /** Remote address (IPv4-mapped IPv6 shown as plain IPv4). */
  ip = '';
  /** The server's max_payload, for the error text (see `createWss`). */
  get maxPayload(): number {
    return 0;
  }

  override close(code?: number, data?: string | Buffer): void {
    if (data === undefined && code !== undefined && this.readyState === WebSocket.OPEN) {
      const text = this.receiverErrorText(code);
      if (text !== undefined) {
        this.send(errorFrame(text));
        super.close(code, text);
        return;
      }
    }
    super.close(code, data);
  }

  private receiverErrorText(code: number): string | undefined {
    switch (code) {
      case CloseCode.MessageTooBig:
        return ErrorText.MaxPayload(this.maxPayload);
      case CloseCode.InvalidPayload:
        return ErrorText.InvalidUtf8;
      case CloseCode.ProtocolError:
        return ErrorText.ProtocolError;
      default:
        return undefined;
    }
  }
}
