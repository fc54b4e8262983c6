import { ApiCallError, type ApiResult } from './errors';
import type { ApiEventName, ApiEventPayload } from './events';
import type { ApiCallArgs, ApiName, ApiResponse } from './spec';

/**
 * How calls leave the renderer: the preload bridge (`window.dripagent`) or HTTP.
 * A transport never throws for a refused call; it resolves with `{ ok: false, error }`.
 */
export interface ApiTransport {
  call(name: string, args: unknown): Promise<ApiResult<unknown>>;
  /** Subscribes to a push; returns the unsubscribe function. */
  on?(event: ApiEventName, listener: (payload: unknown) => void): () => void;
}

export interface ApiClient {
  /** Resolves with the typed result, rejects with `ApiCallError` carrying the structured error. */
  call<N extends ApiName>(name: N, ...args: ApiCallArgs<N>): Promise<ApiResponse<N>>;
  /** Like `call`, but resolves with the `ApiResult` for callers that show errors inline. */
  callResult<N extends ApiName>(name: N, ...args: ApiCallArgs<N>): Promise<ApiResult<ApiResponse<N>>>;
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEventPayload<E>) => void): () => void;
}

/**
 * The renderer's only way to reach the engine; everything above it is transport-agnostic.
 * @example
 * const api = createApiClient(window.dripagent ?? createHttpTransport());
 * const { journeys } = await api.call('journey.list');
 */
export function createApiClient(transport: ApiTransport): ApiClient {
  const callResult = async (name: string, args: unknown): Promise<ApiResult<never>> => {
    try {
      return (await transport.call(name, args)) as ApiResult<never>;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, error: { code: 'transport_error', message: `${name} did not get an answer: ${message}` } };
    }
  };
  return {
    callResult: (name, ...args) => callResult(name, args[0]),
    async call(name, ...args) {
      const outcome = await callResult(name, args[0]);
      if (!outcome.ok) throw new ApiCallError(outcome.error);
      return outcome.result;
    },
    on(event, listener) {
      return transport.on ? transport.on(event, listener as (payload: unknown) => void) : () => {};
    },
  };
}
