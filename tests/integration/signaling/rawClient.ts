/**
 * Test helper: a WebSocket client written on a bare TCP socket, to send what a well-behaved
 * library never would (unmasked frames, reserved bits, bad opcodes, broken handshakes).
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import type { SignalingServer } from '../../../src/main/signaling';

export interface RawFrame {
  opcode: number;
  payload: Buffer;
}

export interface FrameOptions {
  fin?: boolean;
  rsv1?: boolean;
  mask?: boolean;
  /** Declared length when it should differ from the payload's. */
  length?: number;
}

/** Encodes one client frame (masked unless told otherwise). */
export function encodeFrame(opcode: number, payload: Buffer, options: FrameOptions = {}): Buffer {
  const { fin = true, rsv1 = false, mask = true } = options;
  const length = options.length ?? payload.length;
  const head: number[] = [(fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode];
  const maskBit = mask ? 0x80 : 0;
  if (length < 126) head.push(maskBit | length);
  else if (length < 65_536) head.push(maskBit | 126, length >> 8, length & 0xff);
  else {
    head.push(maskBit | 127, 0, 0, 0, 0);
    head.push((length >>> 24) & 0xff, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff);
  }
  if (!mask) return Buffer.concat([Buffer.from(head), payload]);
  const key = randomBytes(4);
  const body = Buffer.from(payload);
  for (let i = 0; i < body.length; i += 1) body[i] = (body[i] as number) ^ (key[i % 4] as number);
  return Buffer.concat([Buffer.from(head), key, body]);
}

export class RawClient {
  readonly frames: RawFrame[] = [];
  status = '';
  private buffer = Buffer.alloc(0);
  private upgraded = false;
  private readonly ended: Promise<void>;
  private readonly waiters = new Set<() => void>();
  isClosed = false;

  private constructor(readonly socket: Socket) {
    this.ended = new Promise((resolve) => {
      socket.on('close', () => {
        this.isClosed = true;
        resolve();
        for (const waiter of [...this.waiters]) waiter();
      });
    });
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.parse();
      for (const waiter of [...this.waiters]) waiter();
    });
  }

  /** Connects and sends `request` (a full HTTP request head); resolves once connected. */
  static async send(server: SignalingServer, request: string): Promise<RawClient> {
    const socket = connect(server.port, '127.0.0.1');
    const client = new RawClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    socket.write(request);
    return client;
  }

  /** Performs a valid handshake for `query` and waits for the 101 and OPEN. */
  static async open(server: SignalingServer, id: string): Promise<RawClient> {
    const path = `${new URL(server.url).pathname}peerjs?key=peerjs&id=${id}&token=t`;
    const client = await RawClient.send(server, upgradeRequest(path));
    await client.until(() => client.frames.length > 0);
    if (!client.status.includes('101')) throw new Error(`handshake failed: ${client.status}`);
    return client;
  }

  write(data: Buffer): void {
    this.socket.write(data);
  }

  /** Waits until the server closed the TCP connection. */
  async closed(): Promise<void> {
    await this.ended;
  }

  /** The close frame's code and reason, if one arrived. */
  closeFrame(): { code: number; reason: string } | undefined {
    const frame = this.frames.find((f) => f.opcode === 0x8);
    if (frame === undefined || frame.payload.length < 2) return undefined;
    return { code: frame.payload.readUInt16BE(0), reason: frame.payload.subarray(2).toString() };
  }

  /** Text frames as parsed JSON. */
  texts(): unknown[] {
    return this.frames
      .filter((f) => f.opcode === 0x1)
      .map((f) => JSON.parse(f.payload.toString()) as unknown);
  }

  /** Resolves when `check` holds, re-checked on every chunk received and on close. */
  async until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
    if (check()) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out; status ${this.status}, ${this.frames.length} frames`));
      }, timeoutMs);
      const waiter = (): void => {
        if (!check()) return;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve();
      };
      this.waiters.add(waiter);
    });
  }

  private parse(): void {
    if (!this.upgraded) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      this.status = this.buffer.subarray(0, this.buffer.indexOf('\r\n')).toString();
      this.buffer = this.buffer.subarray(end + 4);
      this.upgraded = true;
      if (!this.status.includes('101')) {
        this.frames.push({ opcode: -1, payload: this.buffer });
        return;
      }
    }
    for (;;) {
      if (this.buffer.length < 2) return;
      const opcode = (this.buffer[0] as number) & 0x0f;
      let length = (this.buffer[1] as number) & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.buffer.length < 4) return;
        length = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (this.buffer.length < 10) return;
        length = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (this.buffer.length < offset + length) return;
      this.frames.push({ opcode, payload: this.buffer.subarray(offset, offset + length) });
      this.buffer = this.buffer.subarray(offset + length);
    }
  }
}

/** A valid WebSocket upgrade request head for `path`. */
export function upgradeRequest(path: string, extraHeaders = ''): string {
  return (
    `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n` +
    `${extraHeaders}\r\n`
  );
}
