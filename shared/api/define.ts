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

type Domains = Record<string, Record<string, HandlerSpec>>;

/** Every handler name declared by any domain. */
type NamesOf<D extends Domains> = { [K in keyof D]: keyof D[K] & string }[keyof D];

/** The names a domain shares with another domain: what `mergeHandlerDomains` refuses. */
export type RepeatedNames<D extends Domains> = {
  [K in keyof D]: keyof D[K] & { [J in Exclude<keyof D, K>]: keyof D[J] }[Exclude<keyof D, K>];
}[keyof D];

/** One table of every domain's handlers, each name keeping its own schemas' types. */
export type MergedDomains<D extends Domains> = {
  [N in NamesOf<D>]: { [K in keyof D]: N extends keyof D[K] ? D[K][N] : never }[keyof D];
};

/**
 * Merges the domains' handler declarations into one table. A name declared by two domains does not
 * compile (the argument asks for `repeatedApiNames`) and throws at load naming both domains, so one
 * domain can never silently replace another's handler, as an object spread would.
 * @example const apiSpec = mergeHandlerDomains({ app: appApi, journey: journeyApi });
 * @throws Error when two domains declare the same name
 */
export function mergeHandlerDomains<const D extends Domains>(
  domains: D & ([RepeatedNames<D>] extends [never] ? unknown : { repeatedApiNames: RepeatedNames<D> }),
): MergedDomains<D> {
  const merged: Record<string, HandlerSpec> = {};
  const declaredBy = new Map<string, string>();
  for (const [domain, specs] of Object.entries(domains as D)) {
    for (const [name, spec] of Object.entries(specs)) {
      const other = declaredBy.get(name);
      if (other !== undefined)
        throw new Error(`API name "${name}" is declared by both the ${other} and ${domain} domains`);
      declaredBy.set(name, domain);
      merged[name] = spec;
    }
  }
  return merged as MergedDomains<D>;
}
