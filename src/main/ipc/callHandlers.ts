/** IPC domain: the call (state reports from the renderer, notifications). */
import type { CallNotification } from '../../shared/ipc-contract';
import type { CallStateModel } from '../app/CallStateModel';
import type { IpcHandlers } from './IpcRouter';

export interface Notifier {
  /** Shows the notification unless the window has focus; returns whether it was shown. */
  notify(notification: CallNotification): boolean;
}

export function createCallHandlers(
  model: Pick<CallStateModel, 'setState'>,
  notifier: Notifier,
): IpcHandlers<'call:report-state' | 'call:notify'> {
  return {
    'call:report-state': (state) => {
      model.setState(state);
      return undefined;
    },
    'call:notify': (notification) => notifier.notify(notification),
  };
}
