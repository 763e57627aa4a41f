/**
 * Electron glue of the security layer (thin: the decisions live in the pure modules beside it).
 * - registerAppScheme(): before 'ready', makes app:// a standard, secure scheme.
 * - installAppProtocol(), installSessionPolicies(): in sessionPolicies.ts (tested there).
 * - hardenWebContents(): navigation/window.open/webview guards on every webContents created.
 */
import { app, protocol, shell } from 'electron';
import type { Logger } from '../logging';
import { APP_ORIGIN, APP_SCHEME_PRIVILEGES } from './appProtocol';
import { guardNavigation, isSafeExternalUrl } from './navigation';

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

/** Guards every webContents the app creates (windows, and anything a bug might create). */
export function hardenWebContents(logger: Logger): void {
  app.on('web-contents-created', (_event, contents) => {
    guardNavigation(contents, {
      logger,
      openExternal: (url) => {
        if (isSafeExternalUrl(url)) void shell.openExternal(url);
      },
    });
  });
}

export { APP_ORIGIN };
export { installAppProtocol, installSessionPolicies } from './sessionPolicies';
