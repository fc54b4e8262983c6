import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/**
 * Which names the host answers to. A browser sends the name it resolved in `Host`; refusing names
 * we do not know stops DNS rebinding, where a page on `evil.example` re-points its own name at
 * 127.0.0.1 and then reads our API as same-origin. Names an attacker cannot re-point are safe:
 * `localhost` and IP literals. Anything else must be named: the host of DRIPAGENT_PUBLIC_URL, or
 * `--allowed-hosts` / DRIPAGENT_ALLOWED_HOSTS.
 */
export interface HostPolicy {
  /** Lower-case host names (no port) accepted besides localhost and IP literals. */
  allowedHosts: ReadonlySet<string>;
  /** Trust `X-Forwarded-Host` / `X-Forwarded-Proto` (only behind a reverse proxy that sets them). */
  trustProxy: boolean;
}

export interface HostPolicyInput {
  allowedHosts?: readonly string[];
  publicUrl?: string | undefined;
  trustProxy?: boolean;
}

/** Builds the policy; throws naming the value when an allowed host or the public URL is malformed. */
export function createHostPolicy(input: HostPolicyInput = {}): HostPolicy {
  const names = new Set<string>();
  for (const raw of input.allowedHosts ?? []) {
    const name = normalizeHostName(raw.trim());
    if (!name || /[\s/@]/.test(name)) throw new Error(`"${raw}" is not a host name (e.g. drip.example.com)`);
    names.add(name);
  }
  if (input.publicUrl) {
    let url: URL;
    try {
      url = new URL(input.publicUrl);
    } catch {
      throw new Error(`DRIPAGENT_PUBLIC_URL "${input.publicUrl}" is not a URL (e.g. https://drip.example.com)`);
    }
    names.add(normalizeHostName(url.hostname));
  }
  return { allowedHosts: names, trustProxy: input.trustProxy ?? false };
}

/**
 * The policy from the environment and `serve`'s flags: `--allowed-hosts` wins over
 * DRIPAGENT_ALLOWED_HOSTS, DRIPAGENT_PUBLIC_URL's host is always accepted.
 */
export function hostPolicyFromEnv(
  env: Record<string, string | undefined>,
  flags: { allowedHosts?: string | undefined; trustProxy?: boolean } = {},
): HostPolicy {
  return createHostPolicy({
    allowedHosts: parseHostList(flags.allowedHosts ?? env.DRIPAGENT_ALLOWED_HOSTS),
    publicUrl: env.DRIPAGENT_PUBLIC_URL?.trim() || undefined,
    trustProxy: flags.trustProxy ?? false,
  });
}

/** `--allowed-hosts a,b` / DRIPAGENT_ALLOWED_HOSTS as a list. */
export function parseHostList(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Lower case, no trailing dot, no IPv6 brackets. */
function normalizeHostName(name: string): string {
  let result = name.toLowerCase();
  if (result.startsWith('[') && result.endsWith(']')) result = result.slice(1, -1);
  if (result.endsWith('.')) result = result.slice(0, -1);
  return result;
}

/** The host name of a `Host` header value (`name`, `name:port`, `[v6]:port`), or undefined. */
export function hostNameOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    if (end < 0) return undefined;
    return normalizeHostName(value.slice(1, end));
  }
  const colon = value.indexOf(':');
  const name = colon < 0 ? value : value.slice(0, colon);
  if (colon >= 0 && !/^\d{1,5}$/.test(value.slice(colon + 1))) return undefined;
  return name === '' ? undefined : normalizeHostName(name);
}

/** The value the nearest proxy added (a client can prepend its own values, not append after the proxy's). */
const last = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value[value.length - 1] : value)?.split(',').at(-1)?.trim() || undefined;

/** The Host the client asked for: X-Forwarded-Host behind a trusted proxy, else Host. */
export function requestHostHeader(req: IncomingMessage, policy: HostPolicy): string | undefined {
  return (policy.trustProxy ? last(req.headers['x-forwarded-host']) : undefined) ?? req.headers.host;
}

/** `https` when the client reached us over TLS (directly, or through a trusted proxy). */
export function requestProtocol(req: IncomingMessage, policy: HostPolicy): 'http' | 'https' {
  if ((req.socket as { encrypted?: boolean }).encrypted) return 'https';
  return policy.trustProxy && last(req.headers['x-forwarded-proto'])?.toLowerCase() === 'https' ? 'https' : 'http';
}

/**
 * True when the request names a host we answer to: `Host: 127.0.0.1:4010` yes, `Host: 127.evil.example:4010` no.
 * @example if (!hostAllowed(req, policy)) return sendError(res, 'forbidden', '…');
 */
export function hostAllowed(req: IncomingMessage, policy: HostPolicy): boolean {
  // Behind a trusted proxy both the Host the proxy used and the one the client asked for must pass.
  if (policy.trustProxy && req.headers['x-forwarded-host'] !== undefined && !nameAllowed(req.headers.host, policy)) {
    return false;
  }
  return nameAllowed(requestHostHeader(req, policy), policy);
}

function nameAllowed(header: string | undefined, policy: HostPolicy): boolean {
  const name = hostNameOf(header);
  if (name === undefined) return false;
  return name === 'localhost' || isIP(name) !== 0 || policy.allowedHosts.has(name);
}
