import { isWebUrl } from './tracking-links';

export interface LinkTracking {
  /** The tracked URL for an original one. */
  click?: (url: string) => string;
  /** The open pixel's URL, when opens are tracked. */
  pixel?: string;
  /** Links left alone: the unsubscribe link must reach the host as it is. */
  keep: (url: string) => boolean;
}

const decodeAttribute = (value: string) =>
  value
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');

const HREF = /(<a\b[^>]*?\bhref\s*=\s*)(["'])(.*?)\2/gi;
const BARE_URL = /https?:\/\/[^\s<>"')\]]+/g;

/**
 * Points each http(s) link of an email at its tracked URL: `href`s of the HTML part and bare URLs of
 * the text part. Other schemes (mailto:, tel:) and kept links stay as they are.
 * @example trackLinks('<a href="https://acme.io">Go</a>', 'html', { click: (u) => `T(${u})`, keep: () => false }) // '<a href="T(https://acme.io)">Go</a>'
 */
export function trackLinks(body: string, kind: 'html' | 'text', tracking: LinkTracking): string {
  const { click } = tracking;
  let out = body;
  if (click) {
    out =
      kind === 'html'
        ? out.replace(HREF, (whole, start: string, quote: string, value: string) => {
            const url = decodeAttribute(value.trim());
            return isWebUrl(url) && !tracking.keep(url) ? `${start}${quote}${click(url)}${quote}` : whole;
          })
        : out.replace(BARE_URL, (url) => (isWebUrl(url) && !tracking.keep(url) ? click(url) : url));
  }
  if (kind === 'html' && tracking.pixel) {
    const pixel = `<img src="${tracking.pixel}" width="1" height="1" alt="" style="display:block;border:0;width:1px;height:1px">`;
    const close = out.search(/<\/body>/i);
    out = close >= 0 ? `${out.slice(0, close)}${pixel}${out.slice(close)}` : `${out}${pixel}`;
  }
  return out;
}
