import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import type { ConnectArg, ConnectResult, PoolStatus } from '../types';

/** One registered benchmark client. */
export interface PoolClient {
  readonly id: string;
  readonly ws: WebSocket;
}

/** Clients get a HEARTBEAT this often (peerjs sends one every 5 s; servers drop a silent client after 60–90 s). */
const HEARTBEAT_EVERY_MS = 20_000;
/** A handshake that has produced neither OPEN nor an error after this long is a failure. */
const HANDSHAKE_TIMEOUT_MS = 30_000;
const HEARTBEAT = JSON.stringify({ type: 'HEARTBEAT' });

const noop = (): void => undefined;

/**
 * Opens one client the way peerjs does (`peerjs?key&id&token&version`) and resolves with it once
 * the server's OPEN arrives, or with the reason it did not.
 */
function openClient(url: string, id: string): Promise<PoolClient | string> {
  const token = randomBytes(6).toString('hex');
  const ws = new WebSocket(`${url}peerjs?key=peerjs&id=${id}&token=${token}&version=1.5.5`, {
    handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
  });
  return new Promise((resolve) => {
    let done = false;
    const timer = setTimeout(() => {
      finish(`no OPEN within ${HANDSHAKE_TIMEOUT_MS} ms`);
    }, HANDSHAKE_TIMEOUT_MS);
    const finish = (result: PoolClient | string): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      ws.removeAllListeners();
      ws.on('error', noop);
      if (typeof result === 'string') ws.terminate();
      resolve(result);
    };
    ws.on('message', (data: Buffer) => {
      let frame: { type?: unknown; payload?: { msg?: unknown } };
      try {
        frame = JSON.parse(data.toString()) as typeof frame;
      } catch {
        finish('non-JSON frame before OPEN');
        return;
      }
      const msg = frame.payload?.msg;
      if (frame.type === 'OPEN') finish({ id, ws });
      else
        finish(
          typeof msg === 'string'
            ? `${String(frame.type)}: ${msg}`
            : `${String(frame.type)} before OPEN`,
        );
    });
    ws.on('unexpected-response', (_req, res) => {
      finish(`HTTP ${res.statusCode ?? '?'}`);
    });
    ws.on('error', (error: NodeJS.ErrnoException) => {
      finish(`socket error ${error.code ?? error.message}`);
    });
    ws.on('close', (code) => {
      finish(`closed ${code} before OPEN`);
    });
  });
}

/** The clients of one generator process, kept open (with heartbeats) until `closeAll`. */
export class ClientPool {
  private readonly clients: PoolClient[] = [];
  /** When each client (same index) last sent a HEARTBEAT or registered, ms. */
  private readonly lastBeat: number[] = [];
  private heartbeatTimer: NodeJS.Timeout | undefined;

  /**
   * Connects `count` clients with bounded concurrency. Each joins the pool (and its heartbeats)
   * as soon as it is registered, so a slow run does not lose early clients to the server's
   * heartbeat timeout.
   */
  async connect(arg: ConnectArg): Promise<{ result: ConnectResult; clients: PoolClient[] }> {
    this.startHeartbeats();
    const started = performance.now();
    const opened: PoolClient[] = [];
    const failures: Record<string, number> = {};
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < arg.count) {
        const outcome = await openClient(arg.url, `${arg.prefix}${next++}`);
        if (typeof outcome === 'string') {
          failures[outcome] = (failures[outcome] ?? 0) + 1;
        } else {
          opened.push(outcome);
          this.clients.push(outcome);
          this.lastBeat.push(performance.now());
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, arg.concurrency) }, worker));
    const failed = Object.values(failures).reduce((a, b) => a + b, 0);
    return {
      result: { opened: opened.length, failed, failures, elapsedMs: performance.now() - started },
      clients: opened,
    };
  }

  status(): PoolStatus {
    const open = this.clients.filter((c) => c.ws.readyState === WebSocket.OPEN).length;
    return { total: this.clients.length, open };
  }

  /**
   * Closes every client still open abruptly and waits until all sockets are gone. The
   * orchestrator stops the server first, so the server side closes the TCP connections and the
   * TIME_WAIT entries land on the server's port rather than on the generator's ephemeral ports
   * (which the next phase needs: ~19,000 of the ~28,000 are in use at once).
   */
  async closeAll(): Promise<void> {
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
    const closing = this.clients.map(
      ({ ws }) =>
        new Promise<void>((resolve) => {
          if (ws.readyState === WebSocket.CLOSED) {
            resolve();
            return;
          }
          ws.once('close', () => {
            resolve();
          });
          ws.terminate();
        }),
    );
    this.clients.length = 0;
    this.lastBeat.length = 0;
    await Promise.all(closing);
  }

  /** Checks every second which clients are due a HEARTBEAT (each gets one per interval). */
  private startHeartbeats(): void {
    if (this.heartbeatTimer) return;
    this.heartbeatTimer = setInterval(() => {
      const due = performance.now() - HEARTBEAT_EVERY_MS;
      for (let i = 0; i < this.clients.length; i++) {
        if (this.lastBeat[i]! > due) continue;
        const { ws } = this.clients[i]!;
        if (ws.readyState === WebSocket.OPEN) ws.send(HEARTBEAT);
        this.lastBeat[i] = performance.now();
      }
    }, 1_000);
    this.heartbeatTimer.unref();
  }
}
