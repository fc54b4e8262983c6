import { type HttpHost, startHttpHost } from '../api/http/host';
import { type HostPolicy, hostPolicyFromEnv } from '../api/http/host-policy';
import type { AppCore } from '../app/core';

/**
 * The desktop app's small HTTP host on loopback: Segment-compatible ingestion (`/v1/*`) and
 * unsubscribe links (`/u/:token`), so products can send events to the desktop app as they would to
 * `dripagent serve`. The interface itself stays on the app:// protocol. Uses `preferredPort` when
 * free (4010, or DRIPAGENT_EVENTS_PORT), otherwise any free port. The same Host check as
 * `dripagent serve` applies (localhost, IP literals, DRIPAGENT_PUBLIC_URL, DRIPAGENT_ALLOWED_HOSTS).
 */
export async function startEventHost(
  core: AppCore,
  preferredPort = Number(process.env.DRIPAGENT_EVENTS_PORT ?? 4010),
  policy: HostPolicy = hostPolicyFromEnv(process.env),
): Promise<HttpHost> {
  const routes = [...core.runtime.routes(), ...core.mail.routes()];
  let host: HttpHost;
  try {
    host = await startHttpHost({ routes, host: '127.0.0.1', port: preferredPort, policy });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    host = await startHttpHost({ routes, host: '127.0.0.1', port: 0, policy });
  }
  core.runtime.setPublicUrl(host.url);
  core.mail.setHostUrl(host.url);
  return host;
}
