import { IPC_CHANNELS } from '../../shared/api/channels';
import type { HandlerRegistry } from './registry';

/** The part of an Electron `IpcMainInvokeEvent` we look at. */
export interface IpcInvokeEventLike {
  senderFrame?: { url: string } | null;
}

/** The part of Electron's `ipcMain` we use, so the wiring is unit-tested with a fake. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface RegisterIpcOptions {
  /** False for anything that is not our own page (e.g. a frame that navigated elsewhere). */
  isTrustedSender(event: IpcInvokeEventLike): boolean;
}

/**
 * Answers `ipcRenderer.invoke(IPC_CHANNELS.call, name, args)` from the registry.
 * @returns a function that removes the handler again
 */
export function registerIpc(ipc: IpcMainLike, registry: HandlerRegistry, options: RegisterIpcOptions): () => void {
  ipc.handle(IPC_CHANNELS.call, async (event, name, args) => {
    if (!options.isTrustedSender(event)) {
      const url = event.senderFrame?.url ?? 'an unknown frame';
      return { ok: false, error: { code: 'forbidden', message: `Calls from ${url} are not allowed` } };
    }
    return registry.dispatch(String(name), args, { transport: 'ipc' });
  });
  return () => ipc.removeHandler(IPC_CHANNELS.call);
}
