import type { EventBus } from '../api/events';
import { requireAdmin, tokenLogin } from '../api/http/admin-auth';
import { apiRoutes } from '../api/http/api-routes';
import { eventsRoute } from '../api/http/events-route';
import { type HttpHost, type HttpLimits, startHttpHost } from '../api/http/host';
import type { HostPolicy } from '../api/http/host-policy';
import type { Route } from '../api/http/router';
import { staticRoute } from '../api/http/static-route';
import type { HandlerRegistry } from '../api/registry';
import type { AppCore } from './core';

/**
 * What the HTTP host serves: the handler table and pushes behind the admin token, and the public
 * routes (the tracking API, links). SQLite's AppCore and a PostgreSQL engine's PgCore both give it.
 */
export interface ServedCore {
  events: EventBus;
  registry: HandlerRegistry;
  adminToken(): { token: string };
  routes(): Route[];
  setHostUrl(url: string): void;
}

const served = (core: AppCore | ServedCore): ServedCore =>
  'runtime' in core
    ? {
        events: core.events,
        registry: core.registry,
        adminToken: () => core.adminToken(),
        routes: () => [...core.runtime.routes(), ...core.mail.routes()],
        setHostUrl: (url) => core.mail.setHostUrl(url),
      }
    : core;

export interface HeadlessHostOptions {
  core: AppCore | ServedCore;
  /** The built renderer, usually `dist/renderer`. */
  rendererDir: string;
  host?: string;
  port?: number;
  /** Host names answered besides localhost and IP literals; X-Forwarded-* trust. */
  policy?: HostPolicy;
  limits?: Partial<HttpLimits>;
}

/**
 * The route table of `dripagent serve`. New capabilities add their routes here, before the static
 * catch-all: admin routes (profiles, journeys, settings) behind the admin token; the tracking API
 * behind its write key; unsubscribe (and later click) links public. The Host check covers all.
 */
export function headlessRoutes(options: Pick<HeadlessHostOptions, 'core' | 'rendererDir'>): Route[] {
  const core = served(options.core);
  const { rendererDir } = options;
  const token = () => core.adminToken().token;
  return [
    ...requireAdmin([eventsRoute(core.events), ...apiRoutes(core.registry)], token),
    ...core.routes(),
    tokenLogin(staticRoute(rendererDir), token),
  ];
}

export async function startHeadlessHost(options: HeadlessHostOptions): Promise<HttpHost> {
  const host = await startHttpHost({
    routes: headlessRoutes(options),
    host: options.host,
    port: options.port,
    ...(options.policy ? { policy: options.policy } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  // Unsubscribe links point here unless DRIPAGENT_PUBLIC_URL names a public address.
  served(options.core).setHostUrl(host.url);
  return host;
}
