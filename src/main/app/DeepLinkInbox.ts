/**
 * Holds a `parley://join/<code>` link until the page can take it: links arrive from argv at launch,
 * from a second instance, or from macOS 'open-url' (even before 'ready'); the page can receive
 * only once it has loaded. The latest link wins; each is delivered once.
 */
export class DeepLinkInbox {
  readonly #deliver: (code: string) => void;
  #pending: string | null = null;
  #ready = false;

  /** @param deliver sends the code to the page (the 'app:deep-link' event) */
  constructor(deliver: (code: string) => void) {
    this.#deliver = deliver;
  }

  get pending(): string | null {
    return this.#pending;
  }

  /** A validated meeting code arrived. */
  receive(code: string): void {
    this.#pending = code;
    this.#flush();
  }

  /** The page loaded (true) or went away / is reloading (false). */
  setReady(ready: boolean): void {
    this.#ready = ready;
    this.#flush();
  }

  #flush(): void {
    if (!this.#ready || this.#pending === null) return;
    const code = this.#pending;
    this.#pending = null;
    this.#deliver(code);
  }
}
