/** IPC domain: the built-in signaling server and the meetings found on the LAN. */
import type { LanMeeting, ServerStatus } from '../../shared/ipc-contract';
import type { IpcHandlers } from './IpcRouter';

export interface ServerInfoSource {
  status(): ServerStatus;
  meetings(): readonly LanMeeting[];
}

export function createServerHandlers(
  source: ServerInfoSource,
): IpcHandlers<'server:get-status' | 'discovery:list'> {
  return {
    'server:get-status': () => source.status(),
    'discovery:list': () => source.meetings(),
  };
}
