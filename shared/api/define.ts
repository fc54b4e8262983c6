import type { z } from 'zod';

/** One handler's contract: the arguments it accepts and the result it promises. */
export interface HandlerSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  request: Req;
  response: Res;
}

/**
 * Declares a domain's handlers. Only an identity function: it keeps the literal names and
 * schema types so `ApiRequest<'journey.get'>` stays precise after the domains are merged.
 * @example export const appApi = defineHandlers({ 'app.info': { request: NoArgs, response: AppInfo } });
 */
export function defineHandlers<const T extends Record<string, HandlerSpec>>(specs: T): T {
  return specs;
}
