/**
 * Notifications for chat messages and joins, shown only when the window is not focused (the UI
 * shows them itself otherwise). Bursts are throttled: at most one per kind per `minIntervalMs`.
 */
import type { CallNotification } from '../../shared/ipc-contract';
import type { Notifier } from '../ipc/callHandlers';

export interface CallNotifierOptions {
  /** Whether one of our windows has focus. */
  isFocused: () => boolean;
  /** Whether the OS supports notifications (Notification.isSupported()). */
  isSupported: () => boolean;
  /** Shows one (new Notification({title, body}).show(), clicking focuses the window). */
  show: (title: string, body: string) => void;
  /** Minimum gap between two notifications of a kind, ms. Default 3000. */
  minIntervalMs?: number;
  now?: () => number;
}

export class CallNotifier implements Notifier {
  readonly #options: CallNotifierOptions;
  readonly #last = new Map<CallNotification['kind'], number>();

  constructor(options: CallNotifierOptions) {
    this.#options = options;
  }

  notify(notification: CallNotification): boolean {
    const o = this.#options;
    if (o.isFocused() || !o.isSupported()) return false;
    const now = (o.now ?? Date.now)();
    const last = this.#last.get(notification.kind);
    if (last !== undefined && now - last < (o.minIntervalMs ?? 3000)) return false;
    this.#last.set(notification.kind, now);
    o.show(notification.title, notification.body);
    return true;
  }
}
