import type { z } from 'zod';
import {
  type ApiError,
  ApiHandlerError,
  type ApiIssue,
  type ApiName,
  type ApiParsedRequest,
  type ApiResponse,
  type ApiResult,
  apiSpec,
  isApiName,
} from '../../shared/api';
import { checkInputShape } from '../../shared/input-shape';

/** Who is calling; handlers rarely care, logs and pushes sometimes do. */
export interface CallContext {
  transport: 'ipc' | 'http' | 'direct';
}

export type ApiHandler<N extends ApiName> = (
  args: ApiParsedRequest<N>,
  context: CallContext,
) => ApiResponse<N> | Promise<ApiResponse<N>>;

export interface HandlerRegistry {
  /** @throws when `name` already has a handler: two domains must not silently fight over a name */
  register<N extends ApiName>(name: N, impl: ApiHandler<N>): void;
  /** Validates, runs and validates again. Never throws: every failure is an `ApiError`. */
  dispatch(name: string, rawArgs: unknown, context?: CallContext): Promise<ApiResult<unknown>>;
  /** Names in `apiSpec` that nobody registered yet; the app core refuses to start with any. */
  missing(): ApiName[];
}

export interface RegistryOptions {
  /** Where unexpected handler failures are reported (the caller only sees the message). */
  onUnexpectedError?: (name: string, error: unknown) => void;
  /**
   * Tells a failure that the request's values caused (the store refused one) from a fault of the
   * host: returns what to tell the caller, who then gets `invalid_payload` (400), not a 500.
   */
  refusedInput?: (error: unknown) => string | undefined;
}

/** Journeys nest about ten levels (nodes, config, filters, values); scenario profiles a few more. */
export const MAX_API_DEPTH = 64;

const fail = (error: ApiError): ApiResult<never> => ({ ok: false, error });

/**
 * Turns zod issues into `ApiIssue`s that name the field.
 * @example issuesFromZod(err.issues) // [{ path: 'journey.name', message: 'Too small: expected string to have >=1 characters' }]
 */
function issuesFromZod(issues: readonly z.core.$ZodIssue[]): ApiIssue[] {
  return issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/**
 * The handler table shared by IPC and HTTP.
 * @example
 * const registry = createHandlerRegistry();
 * registry.register('app.info', () => info);
 * await registry.dispatch('app.info', {}); // { ok: true, result: info }
 */
export function createHandlerRegistry(options: RegistryOptions = {}): HandlerRegistry {
  const report = options.onUnexpectedError ?? ((name, error) => console.error(`Handler ${name} failed:`, error));
  // Stored loosely: `register` is the typed door, `dispatch` re-validates everything at runtime.
  const handlers = new Map<ApiName, (args: unknown, context: CallContext) => unknown>();

  return {
    register(name, impl) {
      if (handlers.has(name)) throw new Error(`A handler named "${name}" is already registered`);
      if (!isApiName(name)) throw new Error(`"${name}" is not declared in shared/api`);
      handlers.set(name, impl as (args: unknown, context: CallContext) => unknown);
    },

    async dispatch(name, rawArgs, context = { transport: 'direct' }) {
      const impl = isApiName(name) ? handlers.get(name) : undefined;
      if (!isApiName(name) || !impl) {
        return fail({ code: 'unknown_handler', message: `There is no handler named "${name}"` });
      }
      const spec = apiSpec[name];
      // Before zod walks it (recursively): a 5,000-deep value would overflow the stack, one over
      // 1,000 deep is stored but then breaks SQLite's JSON functions for every later read.
      const shape = checkInputShape(rawArgs, MAX_API_DEPTH);
      if (shape) {
        const issues = [{ path: shape.field, message: shape.message }];
        return fail({
          code: 'invalid_payload',
          message: `Invalid arguments for ${name}: ${shape.field} ${shape.message}`,
          issues,
        });
      }
      const request = spec.request.safeParse(rawArgs);
      if (!request.success) {
        const issues = issuesFromZod(request.error.issues);
        const details = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
        return fail({ code: 'invalid_payload', message: `Invalid arguments for ${name}: ${details}`, issues });
      }
      let result: unknown;
      try {
        result = await impl(request.data, context);
      } catch (error) {
        if (error instanceof ApiHandlerError) return fail({ code: error.code, message: error.message });
        const refused = options.refusedInput?.(error);
        if (refused !== undefined) return fail({ code: 'invalid_payload', message: `${name}: ${refused}` });
        report(name, error);
        const message = error instanceof Error ? error.message : String(error);
        return fail({ code: 'handler_error', message: `${name} failed: ${message}` });
      }
      // Checking our own answers keeps the declared types honest for the renderer.
      const response = spec.response.safeParse(result);
      if (!response.success) {
        report(name, response.error);
        return fail({
          code: 'handler_error',
          message: `${name} returned a result that does not match its declared response`,
          issues: issuesFromZod(response.error.issues),
        });
      }
      return { ok: true, result: response.data };
    },

    missing: () => (Object.keys(apiSpec) as ApiName[]).filter((name) => !handlers.has(name)),
  };
}

/** Registers several handlers of one domain at once, keeping each one's types. */
export function registerAll(registry: HandlerRegistry, impls: { [N in ApiName]?: ApiHandler<N> }): void {
  for (const [name, impl] of Object.entries(impls) as [ApiName, ApiHandler<ApiName>][]) {
    registry.register(name, impl);
  }
}
