import { apiRoutes } from '../api/http/api-routes';
import { eventsRoute } from '../api/http/events-route';
import { type HttpHost, startHttpHost } from '../api/http/host';
import type { Route } from '../api/http/router';
import { staticRoute } from '../api/http/static-route';
import type { AppCore } from './core';

export interface HeadlessHostOptions {
  core: AppCore;
  /** The built renderer, usually `dist/renderer`. */
  rendererDir: string;
  host?: string;
  port?: number;
}

/**
 * The route table of `dripagent serve`. New capabilities (Segment-compatible `/v1/*`,
 * unsubscribe links) add their routes here, before the static catch-all.
 */
export function headlessRoutes({ core, rendererDir }: Pick<HeadlessHostOptions, 'core' | 'rendererDir'>): Route[] {
  return [
    eventsRoute(core.events),
    ...apiRoutes(core.registry),
    ...core.runtime.routes(),
    ...core.mail.routes(),
    staticRoute(rendererDir),
  ];
}

export async function startHeadlessHost(options: HeadlessHostOptions): Promise<HttpHost> {
  const host = await startHttpHost({ routes: headlessRoutes(options), host: options.host, port: options.port });
  // Unsubscribe links point here unless DRIPAGENT_PUBLIC_URL names a public address.
  options.core.mail.setHostUrl(host.url);
  return host;
}
