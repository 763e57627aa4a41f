/** IPC domain: the app itself (external links, version). */
import type { AppInfo } from '../../shared/ipc-contract';
import { isSafeExternalUrl } from '../security/navigation';
import { IpcError } from './errors';
import type { IpcHandlers } from './IpcRouter';

export function createAppHandlers(
  openExternal: (url: string) => Promise<void>,
  info: AppInfo,
): IpcHandlers<'app:open-external' | 'app:get-info'> {
  return {
    'app:open-external': async ({ url }) => {
      if (!isSafeExternalUrl(url)) {
        throw new IpcError('invalid-arguments', 'only http and https links can be opened', [
          'url: not an http(s) URL',
        ]);
      }
      await openExternal(url);
      return undefined;
    },
    'app:get-info': () => info,
  };
}
