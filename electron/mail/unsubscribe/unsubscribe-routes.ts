import type { ServerResponse } from 'node:http';
import { BodyTooLargeError, readBody } from '../../api/http/respond';
import type { Route } from '../../api/http/router';
import type { UnsubscribeLinks } from './unsubscribe-links';

export interface UnsubscribeRouteDeps {
  links: UnsubscribeLinks;
  /** Records the unsubscribe; `reason` is `one-click` (RFC 8058 POST from a mail client) or `link`. */
  unsubscribe(userId: string, reason: string): void;
}

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  // The token in the URL must not leak to other sites; the page needs nothing but its own style and form.
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:28rem;margin:15vh auto;padding:0 1rem;color:#222}
button{font:inherit;padding:.5rem 1.25rem;border:0;border-radius:6px;background:#2b59c3;color:#fff;cursor:pointer}`;

function page(res: ServerResponse, status: number, title: string, body: string): void {
  const html = `<!doctype html>
<html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title}</title><style>${STYLE}</style>
<h1>${title}</h1>
${body}
</html>
`;
  res.writeHead(status, { ...PAGE_HEADERS, 'content-length': Buffer.byteLength(html) });
  res.end(html);
}

const invalid = (res: ServerResponse) =>
  page(
    res,
    404,
    'Link not valid',
    '<p>This unsubscribe link is not valid. Please use the link from the latest email.</p>',
  );

/** Form posts and RFC 8058 bodies are tiny. */
const MAX_BODY_BYTES = 4096;

/**
 * `GET /u/:token` shows a confirmation with a button; `POST /u/:token` unsubscribes, from that button
 * or as the RFC 8058 one-click POST (`List-Unsubscribe=One-Click`) mail clients send. Both answer 404
 * for a token that does not verify. Repeating a POST is harmless.
 */
export function unsubscribeRoutes({ links, unsubscribe }: UnsubscribeRouteDeps): Route[] {
  return [
    {
      method: 'GET',
      path: '/u/:token',
      handle({ res, params }) {
        const token = params.token ?? '';
        if (!links.verify(token)) return invalid(res);
        page(
          res,
          200,
          'Unsubscribe',
          `<p>Stop receiving these emails?</p>
<form method="post" action="/u/${encodeURIComponent(token)}"><button type="submit" name="confirm" value="1">Unsubscribe</button></form>`,
        );
      },
    },
    {
      method: 'POST',
      path: '/u/:token',
      async handle({ req, res, params }) {
        const userId = links.verify(params.token ?? '');
        let body: string;
        try {
          body = await readBody(req, MAX_BODY_BYTES, res);
        } catch (error) {
          if (!(error instanceof BodyTooLargeError)) throw error;
          res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8' });
          return void res.end('Request body too large\n');
        }
        if (!userId) return invalid(res);
        const oneClick = new URLSearchParams(body).get('List-Unsubscribe') === 'One-Click';
        unsubscribe(userId, oneClick ? 'one-click' : 'link');
        page(res, 200, 'You are unsubscribed', '<p>You will not receive these emails any more.</p>');
      },
    },
  ];
}
