import type { ApiError } from '../../../shared/api/errors';

/**
 * The renderer's build of shared/api/errors.ts (see vite.config.ts): the same `ApiCallError`, without
 * the zod schemas that only the engine validates with. Keeps zod off the first paint's path.
 */
export type { ApiError, ApiErrorCode, ApiIssue, ApiResult } from '../../../shared/api/errors';

export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
  }
}
