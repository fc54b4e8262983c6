import type { DripAgentBridge } from '../../../shared/api/bridge';
import { type ApiClient, type ApiTransport, createApiClient } from '../../../shared/api/client';
import { createHttpTransport } from './http-transport';

declare global {
  interface Window {
    /** Present only inside the desktop app (set by electron/shell/preload.ts). */
    dripagent?: DripAgentBridge;
  }
}

/**
 * The API client for this window: the preload bridge inside Electron, HTTP against
 * `dripagent serve` (the page's own origin) in a browser. Chosen once; nothing above it knows which.
 * `onUnauthorized` runs once when the host asks for its admin token (HTTP only; IPC needs none).
 * (Imported module by module: the API's schemas are the engine's business, not the first paint's.)
 */
export function connectApi(onUnauthorized?: () => void): ApiClient {
  const transport = window.dripagent ?? createHttpTransport();
  return createApiClient(onUnauthorized ? watchUnauthorized(transport, onUnauthorized) : transport);
}

function watchUnauthorized(transport: ApiTransport, onUnauthorized: () => void): ApiTransport {
  let told = false;
  return {
    ...transport,
    async call(name, args) {
      const result = await transport.call(name, args);
      if (!result.ok && result.error.code === 'unauthorized' && !told) {
        told = true;
        onUnauthorized();
      }
      return result;
    },
  };
}
