/**
 * Why a call failed. The renderer switches on `code`; `message` is for people.
 * - unknown_handler: no handler has this name (HTTP 404)
 * - invalid_payload: the arguments do not match the request schema; `issues` names the fields (HTTP 400)
 * - not_found / conflict: the handler refused a well-formed request (HTTP 404 / 409)
 * - forbidden: the caller is not our renderer (IPC sender check, HTTP origin or Host check)
 * - unauthorized: the HTTP caller has no admin token (HTTP 401); the page asks for the access link
 * - handler_error: the handler threw; a bug or an environment problem (HTTP 500)
 * - transport_error: the call never got an answer (network, bad JSON); produced client-side
 *
 * Plain types, no zod: the host builds these errors itself, and the renderer's first paint (which
 * loads this file through the API client) need not load a schema library.
 */
export type ApiErrorCode =
  | 'unknown_handler'
  | 'invalid_payload'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'unauthorized'
  | 'handler_error'
  | 'transport_error';

/** One field that failed validation: `path` is the zod issue path joined with dots, e.g. `journey.nodes.0.id`. */
export interface ApiIssue {
  path: string;
  message: string;
}

export interface ApiError {
  code: ApiErrorCode;
  message: string;
  issues?: ApiIssue[];
}

/**
 * What every transport carries back: errors travel as data because Electron's IPC
 * flattens thrown errors into a message string and HTTP has no exceptions at all.
 */
export type ApiResult<T> = { ok: true; result: T } | { ok: false; error: ApiError };

/**
 * Thrown by handlers to refuse a request with a specific code; the registry turns it into an `ApiError`.
 * @example throw new ApiHandlerError('not_found', 'No journey "welcome"')
 */
export class ApiHandlerError extends Error {
  constructor(
    readonly code: Exclude<ApiErrorCode, 'unknown_handler' | 'invalid_payload' | 'transport_error' | 'unauthorized'>,
    message: string,
  ) {
    super(message);
    this.name = 'ApiHandlerError';
  }
}

/**
 * Thrown by `createApiClient().call` so callers can `try/catch` and still read the structured error.
 * @example catch (e) { if (e instanceof ApiCallError && e.error.code === 'not_found') ... }
 */
export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
  }
}
