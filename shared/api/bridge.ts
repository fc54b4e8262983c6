import type { ApiResult } from './errors';
import type { ApiEventName, ApiEventPayload } from './events';
import type { ApiCallArgs, ApiName, ApiResponse } from './spec';

/**
 * The one object the Electron preload exposes as `window.dripagent`. It is itself an
 * `ApiTransport`, so the renderer does `createApiClient(window.dripagent)` in the desktop app
 * and `createApiClient(createHttpTransport())` in a browser.
 */
export interface DripAgentBridge {
  call<N extends ApiName>(name: N, ...args: ApiCallArgs<N>): Promise<ApiResult<ApiResponse<N>>>;
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEventPayload<E>) => void): () => void;
}
