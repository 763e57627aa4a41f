/**
 * Electron glue for screen sharing: desktopCapturer as the source list, and the display-media
 * handler of displayMediaHandler.ts on the session. Where the platform has a system picker
 * (macOS 15+), Electron shows it and does not call the handler.
 */
import { desktopCapturer, type Session } from 'electron';
import type { ScreenSource, ScreenSourcesQuery } from '../../shared/ipc-contract';
import type { Logger } from '../logging';
import { createDisplayMediaHandler } from './displayMediaHandler';
import type { ScreenSharePicker } from './ScreenSharePicker';
import { toScreenSource } from './screenSources';

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
  const handler = createDisplayMediaHandler({
    listSources: listScreenSources,
    picker,
    allowedOrigins,
    platform: process.platform,
    logger,
  });
  session.setDisplayMediaRequestHandler(handler, { useSystemPicker: true });
}
