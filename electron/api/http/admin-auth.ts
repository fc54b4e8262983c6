import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestProtocol } from './host-policy';
import { sendJson } from './respond';
import type { Route, RouteContext } from './router';

/**
 * The admin token guards the API that reads profiles and changes journeys (`/api/*`, `/api/events`)
 * on `dripagent serve`. Scripts send `Authorization: Bearer TOKEN`; a browser opens
 * `/?token=TOKEN` once, gets an HttpOnly SameSite=Strict cookie and the token leaves the address
 * bar (as Jupyter does). The desktop app talks over IPC and needs none.
 */

/** Cookies are shared by every port of a host name: one name per port keeps two hosts apart. */
const COOKIE_PREFIX = 'dripagent_token_';

export interface TokenSource {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}

/**
 * `DRIPAGENT_ADMIN_TOKEN` wins; otherwise one is generated on first run and kept in the store
 * (the database file is 0600).
 * @example resolveAdminToken(store.meta, process.env) // { token: 'da_…', fromEnv: false }
 */
export function resolveAdminToken(
  meta: TokenSource,
  env: Record<string, string | undefined> = process.env,
): { token: string; fromEnv: boolean } {
  const fromEnv = env.DRIPAGENT_ADMIN_TOKEN?.trim();
  if (fromEnv) return { token: fromEnv, fromEnv: true };
  let token = meta.get('admin_token');
  if (!token) {
    token = `da_${randomBytes(24).toString('base64url')}`;
    meta.set('admin_token', token);
  }
  return { token, fromEnv: false };
}

/** Compares secrets in constant time (for equal lengths), so timing does not reveal a prefix. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookies(req: IncomingMessage): Map<string, string> {
  const found = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) found.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return found;
}

/** True when the request carries the token as a Bearer header or in one of our cookies. */
export function hasAdminToken(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return sameSecret(header.slice(7).trim(), token);
  // Only this port's cookie: another local app can plant cookies for 127.0.0.1 under other names.
  const value = cookies(req).get(`${COOKIE_PREFIX}${req.socket.localPort ?? 0}`);
  if (value === undefined) return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return false;
  }
  return sameSecret(decoded, token);
}

export function sendUnauthorized(res: ServerResponse): void {
  res.setHeader('www-authenticate', 'Bearer realm="DripAgent"');
  sendJson(res, 401, {
    ok: false,
    error: {
      code: 'unauthorized',
      message:
        'This DripAgent needs its admin token: open the access link `dripagent serve` printed (…/?token=…), or send "Authorization: Bearer TOKEN"',
    },
  });
}

/** Wraps admin routes: a missing or wrong token gets 401 with a JSON error, before anything else runs. */
export function requireAdmin(routes: readonly Route[], token: () => string): Route[] {
  return routes.map((route) => ({
    ...route,
    handle(context: RouteContext) {
      if (!hasAdminToken(context.req, token())) return sendUnauthorized(context.res);
      return route.handle(context);
    },
  }));
}

/**
 * Wraps the page route: `GET /any/page?token=TOKEN` with the right token sets the cookie; with or
 * without it, the token is taken out of the address with a redirect, so it stays out of history,
 * bookmarks and Referer headers. A wrong token sets nothing (the page then asks for the link).
 */
export function tokenLogin(route: Route, token: () => string): Route {
  return {
    ...route,
    handle(context: RouteContext) {
      const { req, res, url, policy } = context;
      const given = url.searchParams.get('token');
      if (given === null) return route.handle(context);
      const rest = new URLSearchParams(url.searchParams);
      rest.delete('token');
      const query = rest.toString();
      const headers: Record<string, string> = {
        // One leading slash: `//evil.example` would be another site.
        location: `${url.pathname.replace(/^\/+/, '/')}${query ? `?${query}` : ''}`,
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
      };
      if (sameSecret(given, token())) {
        const secure = requestProtocol(req, policy) === 'https' ? '; Secure' : '';
        const port = req.socket.localPort ?? 0;
        headers['set-cookie'] =
          `${COOKIE_PREFIX}${port}=${encodeURIComponent(token())}; Path=/; HttpOnly; SameSite=Strict${secure}`;
      }
      res.writeHead(302, headers);
      res.end();
    },
  };
}
