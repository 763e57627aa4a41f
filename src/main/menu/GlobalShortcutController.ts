/**
 * The system-wide mute shortcut: registered from settings, re-registered when they change, and a
 * failure (taken by another app, invalid) reported as an event instead of crashing.
 */
import { EventEmitter } from 'node:events';
import { isAccelerator } from '../../shared/accelerator';

/** The part of Electron's globalShortcut used here. */
export interface GlobalShortcutLike {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

export interface GlobalShortcutEvents {
  /** The shortcut could not be registered; `reason` is fit to show the user. */
  error: [accelerator: string, reason: string];
  /** The active shortcut changed (null: none registered). */
  change: [accelerator: string | null];
}

export class GlobalShortcutController extends EventEmitter<GlobalShortcutEvents> {
  readonly #shortcuts: GlobalShortcutLike;
  readonly #onTrigger: () => void;
  #active: string | null = null;

  constructor(shortcuts: GlobalShortcutLike, onTrigger: () => void) {
    super();
    this.#shortcuts = shortcuts;
    this.#onTrigger = onTrigger;
  }

  /** The accelerator currently registered, or null. */
  get active(): string | null {
    return this.#active;
  }

  /** Registers `accelerator` ('' = none) in place of the current one. Returns whether it is active. */
  apply(accelerator: string): boolean {
    if (accelerator === this.#active) return true;
    this.#release();
    if (accelerator === '') {
      this.emit('change', null);
      return false;
    }
    if (!isAccelerator(accelerator)) {
      this.emit('error', accelerator, `"${accelerator}" is not a valid key combination`);
      this.emit('change', null);
      return false;
    }
    let ok: boolean;
    try {
      ok = this.#shortcuts.register(accelerator, this.#onTrigger);
    } catch (error) {
      this.emit('error', accelerator, `"${accelerator}" was refused: ${(error as Error).message}`);
      this.emit('change', null);
      return false;
    }
    if (!ok) {
      this.emit('error', accelerator, `"${accelerator}" is already used by another application`);
      this.emit('change', null);
      return false;
    }
    this.#active = accelerator;
    this.emit('change', accelerator);
    return true;
  }

  /** Unregisters the shortcut (on quit). */
  dispose(): void {
    this.#release();
  }

  #release(): void {
    if (this.#active === null) return;
    try {
      this.#shortcuts.unregister(this.#active);
    } finally {
      this.#active = null;
    }
  }
}
