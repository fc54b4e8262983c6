import { readFile } from 'node:fs/promises';
import { RENDERER_SECURITY_HEADERS } from '../api/http/csp';
import { lookupStaticFile } from '../api/http/static-files';

/**
 * The renderer loads from `app://dripagent/` instead of file://: a real origin for CSP 'self',
 * response headers (file:// has none, so no CSP header), and no access to the rest of the disk.
 */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://dripagent`;

/** Same privileges as https for our scheme: module scripts, fetch, storage. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/**
 * `scheme://host` of a URL. Node's `URL.origin` is "null" for schemes it does not know (like
 * ours, even once Electron registered it as standard), so the origin is rebuilt by hand.
 */
export function originOf(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

const text = (status: number, body: string) =>
  new Response(body, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', ...RENDERER_SECURITY_HEADERS },
  });

/** Answers one `app://` request from the built renderer, like the HTTP host's static route. */
export async function rendererResponse(requestUrl: string, rendererDir: string): Promise<Response> {
  const url = new URL(requestUrl);
  if (originOf(url) !== APP_ORIGIN) return text(404, 'Not found');
  const found = lookupStaticFile(rendererDir, url.pathname);
  if (found.kind === 'not_found') return text(404, `Not found: ${url.pathname}`);
  if (found.kind === 'not_built') return text(503, 'The interface has not been built: run npm run build:renderer.');
  const body = new Uint8Array(await readFile(found.file));
  return new Response(body, {
    headers: { 'content-type': found.contentType, 'cache-control': found.cacheControl, ...RENDERER_SECURITY_HEADERS },
  });
}
