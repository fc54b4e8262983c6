import { type ApiClient, createApiClient, createHttpTransport } from '../../../shared/api';

/**
 * The API client for this window: the preload bridge inside Electron, HTTP against
 * `dripagent serve` (the page's own origin) in a browser. Chosen once; nothing above it knows which.
 */
export function connectApi(): ApiClient {
  return createApiClient(window.dripagent ?? createHttpTransport());
}
