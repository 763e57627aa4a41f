/**
 * Electron glue for screen sharing: getDisplayMedia() in our page → desktopCapturer sources →
 * the renderer's picker (ScreenSharePicker) → one callback. The system picker is used where
 * Electron has one (macOS 15+), in which case this handler is not called.
 */
import { desktopCapturer, type Session } from 'electron';
import type { ScreenSource, ScreenSourcesQuery } from '../../shared/ipc-contract';
import type { Logger } from '../logging';
import type { ScreenSharePicker } from './ScreenSharePicker';
import { toScreenSource } from './screenSources';

const PICKER_THUMBNAIL = { width: 320, height: 180 };

export async function listScreenSources(query: ScreenSourcesQuery): Promise<ScreenSource[]> {
  const sources = await desktopCapturer.getSources({
    types: [...query.types],
    thumbnailSize: query.thumbnailSize,
    fetchWindowIcons: true,
  });
  return sources.map(toScreenSource);
}

export function installDisplayMedia(
  session: Session,
  picker: ScreenSharePicker,
  allowedOrigins: readonly string[],
  logger: Logger,
): void {
  session.setDisplayMediaRequestHandler(
    (request, callback) => {
      const origin = request.securityOrigin.replace(/\/$/, '').toLowerCase();
      if (!allowedOrigins.includes(origin) || !request.videoRequested) {
        logger.warn('display media request denied', { origin, video: request.videoRequested });
        callback(null);
        return;
      }
      listScreenSources({ types: ['screen', 'window'], thumbnailSize: PICKER_THUMBNAIL }).then(
        (sources) => {
          picker.request(sources, request.audioRequested, (decision) => {
            const chosen = sources.find((s) => s.id === decision.sourceId);
            if (!chosen) {
              callback(null);
              return;
            }
            // System audio capture ('loopback') exists on Windows only.
            const audio =
              decision.audio && process.platform === 'win32' ? { audio: 'loopback' as const } : {};
            callback({ video: { id: chosen.id, name: chosen.name }, ...audio });
          });
        },
        (error: unknown) => {
          logger.error('screen sources could not be listed', { error });
          callback(null);
        },
      );
    },
    { useSystemPicker: true },
  );
}
