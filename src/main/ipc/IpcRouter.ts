/**
 * Typed `handle` for the request channels of the contract: checks the sender, validates the
 * argument with the channel's schema, runs the handler and answers with an IpcResult envelope.
 * Invalid input and handler failures become typed error replies (and a log line), never a crash.
 */
import {
  ipcRequestSchemas,
  type IpcErrorPayload,
  type IpcParsedArgs,
  type IpcRequestChannel,
  type IpcResult,
  type IpcResultOf,
} from '../../shared/ipc-contract';
import type { Logger } from '../logging';
import { IpcError } from './errors';
import type { SenderInfo } from './trustedSender';

/** Context of one request. */
export interface IpcContext {
  readonly sender: SenderInfo;
}

export type IpcHandler<C extends IpcRequestChannel> = (
  args: IpcParsedArgs<C>,
  context: IpcContext,
) => IpcResultOf<C> | Promise<IpcResultOf<C>>;

/** A set of handlers for some channels (one domain). */
export type IpcHandlers<C extends IpcRequestChannel> = { readonly [K in C]: IpcHandler<K> };

/** The subset of Electron's ipcMain the router uses (the real one in the app). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: unknown, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface IpcRouterOptions {
  ipcMain: IpcMainLike;
  /** Reads the sender of an Electron event (webContents id, frame URL). */
  senderOf: (event: unknown) => SenderInfo;
  /** The trusted-sender check. */
  isTrusted: (sender: SenderInfo) => boolean;
  logger: Logger;
}

const payload = (
  type: IpcErrorPayload['type'],
  message: string,
  issues: readonly string[] = [],
): IpcResult<never> => ({
  ok: false,
  error: { type, message, issues },
});

/** Errors that carry a contract error type through (e.g. SettingsValidationError). */
function asIpcError(error: unknown): IpcError | null {
  if (error instanceof IpcError) return error;
  if (error instanceof Error && 'type' in error && error.type === 'invalid-settings') {
    const issues =
      'issues' in error && Array.isArray(error.issues) ? (error.issues as string[]) : [];
    return new IpcError('invalid-settings', error.message, issues, { cause: error });
  }
  return null;
}

export class IpcRouter {
  readonly #options: IpcRouterOptions;
  readonly #channels = new Set<IpcRequestChannel>();

  constructor(options: IpcRouterOptions) {
    this.#options = options;
  }

  /** Registers one domain's handlers; each channel may be registered once. */
  register<C extends IpcRequestChannel>(handlers: IpcHandlers<C>): void {
    for (const channel of Object.keys(handlers) as C[]) {
      if (this.#channels.has(channel)) throw new Error(`IPC channel registered twice: ${channel}`);
      this.#channels.add(channel);
      const handler = handlers[channel] as IpcHandler<C>;
      this.#options.ipcMain.handle(channel, (event, ...args) =>
        this.dispatch(channel, this.#options.senderOf(event), args, handler),
      );
    }
  }

  /** Removes every registered handler (on shutdown). */
  dispose(): void {
    for (const channel of this.#channels) this.#options.ipcMain.removeHandler(channel);
    this.#channels.clear();
  }

  /** One request, start to end. Exposed for tests; never rejects. */
  async dispatch<C extends IpcRequestChannel>(
    channel: C,
    sender: SenderInfo,
    args: readonly unknown[],
    handler: IpcHandler<C>,
  ): Promise<IpcResult<IpcResultOf<C>>> {
    const log = this.#options.logger;
    if (!this.#options.isTrusted(sender)) {
      log.warn('ipc: refused a message from an untrusted sender', { channel, ...sender });
      return payload('untrusted-sender', 'this sender may not use the Parley API');
    }
    if (args.length > 1) {
      log.warn('ipc: too many arguments', { channel, count: args.length });
      return payload('invalid-arguments', `${channel} takes at most one argument`);
    }
    const schema = ipcRequestSchemas[channel];
    const parsed = schema.safeParse(args[0]);
    if (!parsed.success) {
      const issues = parsed.error.issues.map(
        (i) => `${i.path.map(String).join('.') || 'argument'}: ${i.message}`,
      );
      log.warn('ipc: invalid arguments', { channel, issues });
      return payload('invalid-arguments', `invalid arguments for ${channel}`, issues);
    }
    try {
      const value = await handler(parsed.data as IpcParsedArgs<C>, { sender });
      return { ok: true, value };
    } catch (error) {
      const known = asIpcError(error);
      if (known) {
        log.warn('ipc: request refused', { channel, type: known.type, error: known });
        return payload(known.type, known.message, known.issues);
      }
      log.error('ipc: handler failed', { channel, error });
      return payload('failed', `${channel} failed`);
    }
  }
}
