/** Keeps the display awake during a call (powerSaveBlocker), and only then. */

/** The part of Electron's powerSaveBlocker used here. */
export interface PowerSaveBlockerLike {
  start(type: 'prevent-app-suspension' | 'prevent-display-sleep'): number;
  stop(id: number): void;
}

export class PowerSaveController {
  readonly #blocker: PowerSaveBlockerLike;
  #id: number | null = null;

  constructor(blocker: PowerSaveBlockerLike) {
    this.#blocker = blocker;
  }

  get blocking(): boolean {
    return this.#id !== null;
  }

  /** Call with whether a call is in progress; starts or stops the blocker on change. */
  update(inCall: boolean): void {
    if (inCall && this.#id === null) this.#id = this.#blocker.start('prevent-display-sleep');
    else if (!inCall && this.#id !== null) this.dispose();
  }

  dispose(): void {
    if (this.#id === null) return;
    this.#blocker.stop(this.#id);
    this.#id = null;
  }
}
