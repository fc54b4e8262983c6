import { createReadStream } from 'node:fs';
import { HTTP_PATHS } from '../../../shared/api/channels';
import { RENDERER_SECURITY_HEADERS } from './csp';
import { sendError } from './respond';
import type { Route } from './router';
import { lookupStaticFile } from './static-files';

const NOT_BUILT_PAGE = `<!doctype html>
<meta charset="utf-8">
<title>DripAgent</title>
<h1>DripAgent is running</h1>
<p>The interface has not been built yet. Run <code>npm run build:renderer</code>, then reload this page.</p>
<p>The API answers at <code>POST /api/&lt;name&gt;</code>, e.g. <code>/api/app.info</code>.</p>
`;

/** `GET /*`: the built renderer with the same CSP as the desktop app. Register it last. */
export function staticRoute(rendererDir: string): Route {
  return {
    method: 'GET',
    path: '/*',
    handle({ req, res, url }) {
      if (url.pathname.startsWith(HTTP_PATHS.callPrefix)) {
        return sendError(res, 'unknown_handler', `${url.pathname} is not a page: API calls are POST requests`);
      }
      const found = lookupStaticFile(rendererDir, url.pathname);
      if (found.kind === 'not_found') {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...RENDERER_SECURITY_HEADERS });
        res.end(`Not found: ${url.pathname}\n`);
        return;
      }
      if (found.kind === 'not_built') {
        res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', ...RENDERER_SECURITY_HEADERS });
        res.end(NOT_BUILT_PAGE);
        return;
      }
      res.writeHead(200, {
        'content-type': found.contentType,
        'cache-control': found.cacheControl,
        ...RENDERER_SECURITY_HEADERS,
      });
      if (req.method === 'HEAD') return void res.end();
      createReadStream(found.file)
        .on('error', (error) => res.destroy(error))
        .pipe(res);
    },
  };
}
