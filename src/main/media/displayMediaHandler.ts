/**
 * The display-media request handler (session.setDisplayMediaRequestHandler) as a plain function:
 * getDisplayMedia() in our page → the sources (desktopCapturer, injected) → the renderer's picker
 * (ScreenSharePicker) → Electron's callback, called exactly once. Requests from any other origin,
 * or without video, are denied. No Electron import, so the whole flow is tested in Node.
 */
import type { ScreenSource, ScreenSourcesQuery } from '../../shared/ipc-contract';
import type { Logger } from '../logging';
import type { ScreenSharePicker } from './ScreenSharePicker';

/** Thumbnails the picker shows. */
export const PICKER_THUMBNAIL = { width: 320, height: 180 } as const;

/** The fields of Electron's DisplayMediaRequestHandlerHandlerRequest the handler reads. */
export interface DisplayMediaRequestInfo {
  readonly securityOrigin: string;
  readonly videoRequested: boolean;
  readonly audioRequested: boolean;
}

/** What Electron's callback takes: a source to capture (+ system audio), or null to deny. */
export type DisplayMediaGrant = {
  readonly video: { readonly id: string; readonly name: string };
  readonly audio?: 'loopback';
} | null;

export interface DisplayMediaHandlerOptions {
  readonly listSources: (query: ScreenSourcesQuery) => Promise<readonly ScreenSource[]>;
  readonly picker: Pick<ScreenSharePicker, 'request'>;
  /** Origins whose pages may capture, e.g. ['app://parley']. */
  readonly allowedOrigins: readonly string[];
  /** process.platform: system audio ('loopback') exists on Windows only. */
  readonly platform: string;
  readonly logger: Logger;
}

export function createDisplayMediaHandler(
  options: DisplayMediaHandlerOptions,
): (request: DisplayMediaRequestInfo, callback: (grant: DisplayMediaGrant) => void) => void {
  const allowed = new Set(options.allowedOrigins.map((o) => o.toLowerCase()));
  return (request, callback) => {
    const origin = request.securityOrigin.replace(/\/$/, '').toLowerCase();
    if (!allowed.has(origin) || !request.videoRequested) {
      options.logger.warn('display media request denied', {
        origin,
        video: request.videoRequested,
      });
      callback(null);
      return;
    }
    options.listSources({ types: ['screen', 'window'], thumbnailSize: PICKER_THUMBNAIL }).then(
      (sources) => {
        options.picker.request(sources, request.audioRequested, (decision) => {
          const chosen = sources.find((s) => s.id === decision.sourceId);
          if (!chosen) {
            callback(null);
            return;
          }
          const audio = decision.audio && options.platform === 'win32';
          callback({
            video: { id: chosen.id, name: chosen.name },
            ...(audio ? { audio: 'loopback' as const } : {}),
          });
        });
      },
      (error: unknown) => {
        options.logger.error('screen sources could not be listed', { error });
        callback(null);
      },
    );
  };
}
