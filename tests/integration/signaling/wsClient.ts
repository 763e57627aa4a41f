/**
 * Test helper: a real `ws` client that buffers every frame the server sends and waits for one
 * matching a predicate (no sleeps), plus helpers to start servers and pairs of peers.
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { silentLogger } from '../../../src/main/logging';
import {
  startSignalingServer,
  type SignalingOptions,
  type SignalingServer,
} from '../../../src/main/signaling';

/** A frame from the server: parsed JSON (or the raw text when it is not JSON). */
export type Frame = Record<string, unknown> & { type?: string };

export interface CloseInfo {
  code: number;
  reason: string;
}

const DEFAULT_WAIT_MS = 15_000;

export class WsClient {
  readonly frames: Frame[] = [];
  private readonly waiters = new Set<() => void>();
  private closeInfo: CloseInfo | undefined;
  private consumed = 0;

  private constructor(
    readonly socket: WebSocket,
    readonly id: string,
    readonly token: string,
  ) {
    socket.on('message', (data: WebSocket.RawData) => {
      const text = Buffer.isBuffer(data)
        ? data.toString('utf8')
        : Buffer.from(data as ArrayBuffer).toString('utf8');
      let frame: Frame;
      try {
        frame = JSON.parse(text) as Frame;
      } catch {
        frame = { raw: text };
      }
      this.frames.push(frame);
      this.wake();
    });
    socket.on('close', (code: number, reason: Buffer) => {
      this.closeInfo = { code, reason: reason.toString('utf8') };
      this.wake();
    });
    socket.on('error', () => undefined);
  }

  /** Opens a socket to `{server.url}peerjs?key&id&token` (extra query params appended as given). */
  static async connect(
    server: SignalingServer | string,
    params: { id?: string; token?: string; key?: string; query?: string; socketPath?: string } = {},
  ): Promise<WsClient> {
    const id = params.id ?? `p-${randomUUID()}`;
    const token = params.token ?? randomUUID().slice(0, 11);
    const base = typeof server === 'string' ? server : server.url;
    const query =
      params.query ??
      `key=${encodeURIComponent(params.key ?? 'peerjs')}&id=${encodeURIComponent(id)}` +
        `&token=${encodeURIComponent(token)}&version=1.5.5`;
    const socket = new WebSocket(
      `${base.replace(/^http/, 'ws')}${params.socketPath ?? 'peerjs'}?${query}`,
    );
    const client = new WsClient(socket, id, token);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => {
        resolve();
      });
      socket.once('error', reject);
      socket.once('unexpected-response', (_req, res) => {
        reject(new Error(`Upgrade refused: HTTP ${res.statusCode ?? '?'}`));
      });
    });
    return client;
  }

  /** Connects and waits for OPEN. */
  static async open(
    server: SignalingServer | string,
    params: { id?: string; token?: string; key?: string } = {},
  ): Promise<WsClient> {
    const client = await WsClient.connect(server, params);
    await client.next((f) => f.type === 'OPEN');
    return client;
  }

  send(data: unknown): void {
    if (typeof data === 'string' || Buffer.isBuffer(data)) this.socket.send(data);
    else this.socket.send(JSON.stringify(data));
  }

  /**
   * Resolves with the first frame, after those already returned by `next`, that matches;
   * frames skipped on the way stay in `frames`.
   */
  async next(match: (frame: Frame) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<Frame> {
    return this.until(
      () => {
        for (let i = this.consumed; i < this.frames.length; i += 1) {
          const frame = this.frames[i] as Frame;
          if (match(frame)) {
            this.consumed = i + 1;
            return frame;
          }
        }
        return undefined;
      },
      timeoutMs,
      'a matching frame',
    );
  }

  /** Resolves when the socket closed (at once if it already had). */
  async closed(timeoutMs = DEFAULT_WAIT_MS): Promise<CloseInfo> {
    return this.until(() => this.closeInfo, timeoutMs, 'close');
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Closes (if open) and waits until closed. */
  async close(): Promise<void> {
    if (this.closeInfo) return;
    this.socket.close();
    await this.closed();
  }

  private async until<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const first = check();
    if (first !== undefined) return first;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(
          new Error(
            `Timed out after ${timeoutMs} ms waiting for ${what} on ${this.id}; got ${JSON.stringify(this.frames)}, close ${JSON.stringify(this.closeInfo)}`,
          ),
        );
      }, timeoutMs);
      const waiter = (): void => {
        const value = check();
        if (value === undefined) return;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(value);
      };
      this.waiters.add(waiter);
    });
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

/** Starts a server on 127.0.0.1, a free port, silent, with short test timeouts unless given. */
export function startTestServer(options: Partial<SignalingOptions> = {}): Promise<SignalingServer> {
  return startSignalingServer({ host: '127.0.0.1', port: 0, ...options }, { logger: silentLogger });
}

/** Two open peers, a → b relay verified: proves the server still serves fresh clients. */
export async function assertServesFreshPair(server: SignalingServer): Promise<void> {
  const a = await WsClient.open(server);
  const b = await WsClient.open(server);
  try {
    a.send({ type: 'CANDIDATE', dst: b.id, payload: { probe: true } });
    const got = await b.next((f) => f.type === 'CANDIDATE');
    if (got.src !== a.id) throw new Error(`relay broken: ${JSON.stringify(got)}`);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
}
