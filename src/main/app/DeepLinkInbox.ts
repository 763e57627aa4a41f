import type { JoinLink } from '../../shared/ipc-contract';

/**
 * Holds a `parley://join/<code>[?server]` link until the page can take it: links arrive from argv at launch,
 * from a second instance, or from macOS 'open-url' (even before 'ready'); the page can receive
 * only once it has loaded. The latest link wins; each is delivered once.
 */
export class DeepLinkInbox {
  readonly #deliver: (link: JoinLink) => void;
  #pending: JoinLink | null = null;
  #ready = false;

  /** @param deliver sends the link to the page (the 'app:deep-link' event) */
  constructor(deliver: (link: JoinLink) => void) {
    this.#deliver = deliver;
  }

  get pending(): JoinLink | null {
    return this.#pending;
  }

  /** A validated meeting link arrived. */
  receive(link: JoinLink): void {
    this.#pending = link;
    this.#flush();
  }

  /** The page loaded (true) or went away / is reloading (false). */
  setReady(ready: boolean): void {
    this.#ready = ready;
    this.#flush();
  }

  #flush(): void {
    if (!this.#ready || this.#pending === null) return;
    const link = this.#pending;
    this.#pending = null;
    this.#deliver(link);
  }
}
