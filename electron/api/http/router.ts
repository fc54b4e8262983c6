import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HostPolicy } from './host-policy';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** `:name` segments by name; a trailing `*` captures the rest as `params['*']`. */
  params: Record<string, string>;
  /** The host's name policy, for routes that read forwarded headers (origin checks, cookies). */
  policy: HostPolicy;
}

/**
 * One entry of the host's route table. Later capabilities (Segment-compatible `/v1/track`,
 * unsubscribe links) add routes instead of touching the host.
 */
export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'OPTIONS';
  /** e.g. `/api/events`, `/api/:name`, `/*` */
  path: string;
  handle(context: RouteContext): void | Promise<void>;
}

export type RouteMatch = { route: Route; params: Record<string, string> } | { allowed: string[] } | undefined;

function matchPath(pattern: string, pathname: string): Record<string, string> | undefined {
  const wanted = pattern.split('/').slice(1);
  const actual = pathname.split('/').slice(1);
  const params: Record<string, string> = {};
  for (const [index, segment] of wanted.entries()) {
    if (segment === '*') {
      params['*'] = actual.slice(index).join('/');
      return params;
    }
    const value = actual[index];
    if (value === undefined) return undefined;
    if (segment.startsWith(':')) {
      if (value === '') return undefined;
      params[segment.slice(1)] = value;
    } else if (segment !== value) {
      return undefined;
    }
  }
  return wanted.length === actual.length ? params : undefined;
}

/**
 * The first route whose path and method match (HEAD is served by GET routes); when only the
 * path matches, the methods that would have worked (for a 405).
 */
export function findRoute(routes: readonly Route[], method: string, pathname: string): RouteMatch {
  const allowed: string[] = [];
  const effective = method === 'HEAD' ? 'GET' : method;
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (!params) continue;
    if (route.method === effective) return { route, params };
    allowed.push(route.method);
  }
  return allowed.length > 0 ? { allowed } : undefined;
}
