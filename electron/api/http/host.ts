import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHostPolicy, type HostPolicy, hostAllowed } from './host-policy';
import { sendError } from './respond';
import { findRoute, type Route } from './router';

export interface HttpHostOptions {
  routes: readonly Route[];
  /** Loopback by default. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Which Host names are answered (localhost and IP literals always); see host-policy.ts. */
  policy?: HostPolicy;
  /** Connection limits and timeouts; the defaults suit a real host, tests shorten them. */
  limits?: Partial<HttpLimits>;
}

/**
 * A client that opens connections and never finishes its request must not hold them forever:
 * the request line and headers must arrive within `headersTimeoutMs`, the whole request within
 * `requestTimeoutMs`, and at most `maxConnections` sockets are open at once (SSE streams count).
 */
export interface HttpLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  maxConnections: number;
  /** How often Node looks for connections past those timeouts. */
  checkIntervalMs: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  maxConnections: 1024,
  checkIntervalMs: 1_000,
};

export interface HttpHost {
  /** e.g. `http://127.0.0.1:4010` (the real port when 0 was asked for). */
  url: string;
  port: number;
  host: string;
  /** Stops listening and cuts open connections (SSE streams would otherwise keep it open forever). */
  close(): Promise<void>;
}

/** True for a bind address only this machine can reach. */
export const isLoopback = (host: string) =>
  host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);

function urlFor(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
}

/**
 * Starts the headless host on `node:http` with a small route table.
 * @example const host = await startHttpHost({ routes: [...apiRoutes(registry), staticRoute(dir)], port: 0 });
 */
export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const bindHost = options.host ?? '127.0.0.1';
  const policy = options.policy ?? createHostPolicy();
  const limits = { ...DEFAULT_HTTP_LIMITS, ...options.limits };

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Every route, whatever the bind address: a page on a foreign name must never read or call us.
    if (!hostAllowed(req, policy)) {
      res.setHeader('connection', 'close');
      return sendError(
        res,
        'forbidden',
        'This DripAgent does not answer to that host name: use localhost, an IP address, or add the name with --allowed-hosts',
      );
    }
    // The request target is a path: `//evil.example/` must not read as a host name.
    const url = new URL((req.url ?? '/').replace(/^\/+/, '/'), 'http://localhost');
    const match = findRoute(options.routes, req.method ?? 'GET', url.pathname);
    if (!match) return sendError(res, 'not_found', `Nothing at ${url.pathname}`);
    if ('allowed' in match) {
      res.setHeader('allow', match.allowed.join(', '));
      return sendError(res, 'not_found', `${req.method} is not allowed on ${url.pathname}`, 405);
    }
    await match.route.handle({ req, res, url, params: match.params, policy });
  }

  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
    },
    (req, res) => {
      onRequest(req, res).catch((error: unknown) => {
        // A client that hung up half-way is not our failure: close quietly.
        const code = (error as NodeJS.ErrnoException)?.code;
        if (
          req.destroyed ||
          code === 'ECONNRESET' ||
          code === 'ECONNABORTED' ||
          (error as Error)?.message === 'aborted'
        ) {
          res.destroy();
          return;
        }
        console.error(`HTTP ${req.method} ${req.url} failed:`, error);
        if (!res.headersSent) sendError(res, 'handler_error', 'The host failed to answer this request');
        else res.destroy();
      });
    },
  );
  server.maxConnections = limits.maxConnections;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4010, bindHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: urlFor(bindHost, port),
    port,
    host: bindHost,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
