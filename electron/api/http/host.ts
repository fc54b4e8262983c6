import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendError } from './respond';
import { findRoute, type Route } from './router';

export interface HttpHostOptions {
  routes: readonly Route[];
  /** Loopback by default: the API has no authentication yet. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
}

export interface HttpHost {
  /** e.g. `http://127.0.0.1:4010` (the real port when 0 was asked for). */
  url: string;
  port: number;
  host: string;
  /** Stops listening and cuts open connections (SSE streams would otherwise keep it open forever). */
  close(): Promise<void>;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);
export const isLoopback = (host: string) => LOOPBACK_HOSTS.has(host) || host.startsWith('127.');

/**
 * A loopback-bound host must also refuse other Host headers: otherwise a web page can point its
 * own domain at 127.0.0.1 (DNS rebinding) and read the API as same-origin.
 */
function hostHeaderAllowed(req: IncomingMessage): boolean {
  const header = req.headers.host ?? '';
  const name = header.startsWith('[') ? header.slice(1, header.indexOf(']')) : header.split(':')[0];
  return name !== undefined && isLoopback(name);
}

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
  const checkHostHeader = isLoopback(bindHost);

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (checkHostHeader && !hostHeaderAllowed(req)) {
      return sendError(res, 'forbidden', 'This DripAgent only answers to localhost');
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = findRoute(options.routes, req.method ?? 'GET', url.pathname);
    if (!match) return sendError(res, 'not_found', `Nothing at ${url.pathname}`);
    if ('allowed' in match) {
      res.setHeader('allow', match.allowed.join(', '));
      return sendError(res, 'not_found', `${req.method} is not allowed on ${url.pathname}`, 405);
    }
    await match.route.handle({ req, res, url, params: match.params });
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      console.error(`HTTP ${req.method} ${req.url} failed:`, error);
      if (!res.headersSent) sendError(res, 'handler_error', 'The host failed to answer this request');
      else res.destroy();
    });
  });

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
