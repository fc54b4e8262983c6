import type { DripAgentBridge } from '../../../shared/api/bridge';
import { type ApiClient, createApiClient } from '../../../shared/api/client';
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
 * (Imported module by module: the API's schemas are the engine's business, not the first paint's.)
 */
export function connectApi(): ApiClient {
  return createApiClient(window.dripagent ?? createHttpTransport());
}
