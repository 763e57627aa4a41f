/**
 * Navigation guards for every webContents: the app never navigates away from itself, never opens
 * windows, never attaches webviews; http(s) links the user clicks open in the system browser after
 * validation. Attached through a minimal interface so tests use a plain emitter.
 */
import type { Logger } from '../logging';

const MAX_EXTERNAL_URL = 2048;

/**
 * True for an absolute http/https URL with a host and no embedded credentials. Everything else
 * (file:, javascript:, custom schemes, user:pass@host) is refused.
 */
export function isSafeExternalUrl(value: string): boolean {
  if (value.length === 0 || value.length > MAX_EXTERNAL_URL || /\s/.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.hostname === '' || url.username !== '' || url.password !== '') return false;
  return true;
}

/** A preventable Electron event. */
export interface PreventableEvent {
  preventDefault(): void;
}

/** The parts of a webContents the guards use. */
export interface GuardedContents {
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: PreventableEvent, url: string) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface NavigationGuardOptions {
  readonly logger: Logger;
  /** Opens a validated http(s) URL in the system browser (shell.openExternal). */
  readonly openExternal: (url: string) => void;
}

export function guardNavigation(contents: GuardedContents, options: NavigationGuardOptions): void {
  const { logger } = options;
  const block = (kind: string) => (event: PreventableEvent, url: string) => {
    event.preventDefault();
    logger.warn('navigation blocked', { kind, url });
  };
  contents.on('will-navigate', block('will-navigate'));
  contents.on('will-redirect', block('will-redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('webview blocked');
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) {
      logger.info('opening link in the system browser', { url });
      options.openExternal(url);
    } else {
      logger.warn('window.open blocked', { url });
    }
    return { action: 'deny' };
  });
}
