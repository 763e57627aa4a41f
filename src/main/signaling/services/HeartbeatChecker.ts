import type { Client } from '../models/Client';
import type { Realm } from '../models/Realm';

export interface HeartbeatCheckerOptions {
  realm: Realm;
  /** A client silent for this long (ms) is dropped. */
  aliveTimeout: number;
  /** Called for each client found silent (it is still in the realm; the callee removes it). */
  onTimeout: (client: Client) => void;
  now?: () => number;
  /** Sweep period. Default: aliveTimeout / 10, within 25..1000 ms. */
  interval?: number;
}

/**
 * Drops clients that sent nothing for `aliveTimeout` ms. One sweep timer for all clients (no
 * per-client timers); any frame counts as life, HEARTBEAT included.
 */
export class HeartbeatChecker {
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;
  readonly interval: number;

  constructor(private readonly options: HeartbeatCheckerOptions) {
    this.now = options.now ?? Date.now;
    this.interval =
      options.interval ?? Math.min(1000, Math.max(25, Math.floor(options.aliveTimeout / 10)));
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.check();
    }, this.interval);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Finds silent clients and hands them to `onTimeout`. Returns how many. */
  check(now = this.now()): number {
    const deadline = now - this.options.aliveTimeout;
    const silent: Client[] = [];
    for (const client of this.options.realm.values()) {
      if (client.lastSeen <= deadline) silent.push(client);
    }
    for (const client of silent) this.options.onTimeout(client);
    return silent.length;
  }
}
