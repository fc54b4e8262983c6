import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import type { DripAgentBridge } from '../../shared/api/bridge';
import { IPC_CHANNELS } from '../../shared/api/channels';

/**
 * The only thing the page gets from Electron: `window.dripagent`. No `ipcRenderer`, no generic
 * `invoke(channel)`: a compromised page can call our named handlers (validated in main) and
 * nothing else. Runs sandboxed, so it is bundled to CommonJS with only `electron` external.
 */
const bridge = {
  call: (name: string, args?: unknown) => ipcRenderer.invoke(IPC_CHANNELS.call, name, args),
  on: (event: string, listener: (payload: never) => void) => {
    const forward = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
      // The payload's type follows from `name`, which main sends from the typed event bus.
      if (name === event) listener(payload as never);
    };
    ipcRenderer.on(IPC_CHANNELS.event, forward);
    return () => void ipcRenderer.removeListener(IPC_CHANNELS.event, forward);
  },
} satisfies DripAgentBridge;

contextBridge.exposeInMainWorld('dripagent', bridge);
