import type { IpcErrorType } from '../../shared/ipc-contract';

/** An IPC request refused or failed; travels to the renderer as an IpcErrorPayload. */
export class IpcError extends Error {
  override readonly name = 'IpcError';
  constructor(
    readonly type: IpcErrorType,
    message: string,
    readonly issues: readonly string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
