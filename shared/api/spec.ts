import type { z } from 'zod';
import { appApi } from './app';
import { backtestApi } from './backtest';
import { catalogApi } from './catalog';
import { mergeHandlerDomains } from './define';
import { deliverabilityApi } from './deliverability';
import { engineApi } from './engine';
import { journeyApi } from './journey';
import { mailApi } from './mail';
import { metricsApi } from './metrics';

/** Every handler of the app, by name. Add a domain's `defineHandlers` object here; names must not repeat. */
export const apiSpec = mergeHandlerDomains({
  app: appApi,
  engine: engineApi,
  journey: journeyApi,
  catalog: catalogApi,
  mail: mailApi,
  metrics: metricsApi,
  deliverability: deliverabilityApi,
  backtest: backtestApi,
});

export type ApiSpec = typeof apiSpec;
export type ApiName = keyof ApiSpec;
/** What a caller may pass (defaults still optional). */
export type ApiRequest<N extends ApiName> = z.input<ApiSpec[N]['request']>;
/** What a handler receives after validation (defaults filled in). */
export type ApiParsedRequest<N extends ApiName> = z.output<ApiSpec[N]['request']>;
export type ApiResponse<N extends ApiName> = z.output<ApiSpec[N]['response']>;

export const API_NAMES = Object.keys(apiSpec) as ApiName[];

export function isApiName(name: string): name is ApiName {
  return Object.hasOwn(apiSpec, name);
}

/** Arguments of `call(name, ...)`: optional when the request has defaults for everything. */
export type ApiCallArgs<N extends ApiName> =
  undefined extends ApiRequest<N> ? [args?: ApiRequest<N>] : [args: ApiRequest<N>];
