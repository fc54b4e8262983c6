import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Route } from '../../api/http/router';
import type { TrackedHit } from './record-click';
import type { TrackingLinks } from './tracking-links';

/** A transparent 1×1 GIF. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

const refuse = (res: ServerResponse, what: string) => {
  const body = `This ${what} is not valid: it was changed or cut off. Please use the link from the email.\n`;
  res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
};

const hitOf = (req: IncomingMessage, hit: Pick<TrackedHit, 'kind' | 'outboxId' | 'url'>): TrackedHit => ({
  ...hit,
  method: req.method ?? 'GET',
  userAgent: String(req.headers['user-agent'] ?? ''),
  remoteAddress: req.socket.remoteAddress ?? '',
});

/**
 * The URL as a Location header can carry it: a link written with other alphabets (`/日本`, an
 * accented name from a Liquid value) is percent-encoded, as a browser would.
 */
function asciiUrl(url: string): string | undefined {
  try {
    return new URL(url).href;
  } catch {
    return undefined;
  }
}

/** Recording must never stop the person from reaching the page. */
function safely(record: (hit: TrackedHit) => void, hit: TrackedHit): void {
  try {
    record(hit);
  } catch (error) {
    console.error('Could not record a click or open:', error);
  }
}

/**
 * Public routes of tracked emails. `GET /c/TOKEN` records the click and redirects (302) to the URL
 * the token was signed for, and nowhere else; a tampered token gets 400. `GET /o/TOKEN` records an
 * open and answers a 1×1 GIF. HEAD requests (link scanners) are answered the same and counted apart.
 */
export function trackingRoutes({
  links,
  record,
}: {
  links: TrackingLinks;
  record: (hit: TrackedHit) => void;
}): Route[] {
  return [
    {
      method: 'GET',
      path: '/c/:token',
      handle({ req, res, params }) {
        const click = links.verifyClick(params.token ?? '');
        const location = click && asciiUrl(click.url);
        if (!click || !location) return refuse(res, 'link');
        safely(record, hitOf(req, { kind: 'click', ...click }));
        res.writeHead(302, { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
        res.end();
      },
    },
    {
      method: 'GET',
      path: '/o/:token',
      handle({ req, res, params }) {
        const outboxId = links.verifyOpen(params.token ?? '');
        if (outboxId === undefined) return refuse(res, 'image link');
        safely(record, hitOf(req, { kind: 'open', outboxId }));
        res.writeHead(200, {
          'content-type': 'image/gif',
          'content-length': PIXEL.length,
          'cache-control': 'no-store',
        });
        res.end(req.method === 'HEAD' ? undefined : PIXEL);
      },
    },
  ];
}
