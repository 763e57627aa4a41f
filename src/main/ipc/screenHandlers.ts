/** IPC domain: screen sharing (source list with thumbnails, the picker's answer). */
import type { ScreenSource, ScreenSourcesQuery } from '../../shared/ipc-contract';
import type { ScreenSharePicker } from '../media/ScreenSharePicker';
import { IpcError } from './errors';
import type { IpcHandlers } from './IpcRouter';

export function createScreenHandlers(
  listSources: (query: ScreenSourcesQuery) => Promise<readonly ScreenSource[]>,
  picker: Pick<ScreenSharePicker, 'choose'>,
): IpcHandlers<'screen:list-sources' | 'screen:choose'> {
  return {
    'screen:list-sources': async (query) => {
      try {
        return await listSources(query);
      } catch (error) {
        // macOS without the screen-recording permission lands here.
        throw new IpcError('not-available', 'screen sources could not be listed', [], {
          cause: error,
        });
      }
    },
    'screen:choose': ({ requestId, sourceId, audio }) => {
      if (!picker.choose(requestId, sourceId, audio)) {
        throw new IpcError('invalid-arguments', `no pending screen-share request ${requestId}`);
      }
      return undefined;
    },
  };
}
