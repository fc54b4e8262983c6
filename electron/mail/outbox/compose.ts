import type { SendMailOptions } from 'nodemailer';
import { isSingleAddress } from '../../../shared/engine/email-address';
import type { OutboxPayload, OutboxRow } from '../../store/outbox-repo';
import { type LinkTracking, trackLinks } from '../tracking/rewrite-links';
import type { TrackingLinks } from '../tracking/tracking-links';
import type { UnsubscribeLinks } from '../unsubscribe/unsubscribe-links';
import { messageIdFor } from './message-id';

type EmailPayload = Extract<OutboxPayload, { kind: 'email' }>;

export interface ComposeContext {
  key: string;
  /** The user's one-click unsubscribe URL. */
  unsubscribeUrl: string;
  /** The token of that URL, put in the mailto subject so a reply can be matched to the user. */
  unsubscribeToken: string;
  date: Date;
  /** Click tracking and the open pixel, when the journey tracks them; the unsubscribe link is never rewritten. */
  tracking?: Omit<LinkTracking, 'keep'>;
}

/** The bare address of `Name <addr@host>`. */
const bareAddress = (address: string) => /<([^>]*)>/.exec(address)?.[1] ?? address.trim();

/**
 * The nodemailer message for an outbox email: a Message-ID that is the same on every attempt, and
 * RFC 2369 / RFC 8058 unsubscribe headers (an http(s) one-click URL and a mailto fallback).
 * @example composeEmail(payload, { key: 'run-1:hello:1', unsubscribeUrl, unsubscribeToken, date: new Date() })
 * @throws when the recipient is not exactly one address (the interpreter skips those; this is the
 *   last line of defence for rows queued before it did)
 */
export function composeEmail(payload: EmailPayload, context: ComposeContext): SendMailOptions {
  if (!isSingleAddress(payload.to))
    throw new Error(`the recipient ${JSON.stringify(payload.to)} is not one valid address`);
  const mailto = `mailto:${bareAddress(payload.replyTo ?? payload.from)}?subject=${encodeURIComponent(`unsubscribe ${context.unsubscribeToken}`)}`;
  return {
    from: payload.from,
    to: payload.to,
    ...(payload.replyTo ? { replyTo: payload.replyTo } : {}),
    subject: payload.subject,
    html: tracked(withUnsubscribeLink(payload.html, context, 'html'), 'html', context),
    text: tracked(withUnsubscribeLink(payload.text, context, 'text'), 'text', context),
    messageId: messageIdFor(context.key, payload.from),
    date: context.date,
    headers: {
      'List-Unsubscribe': `<${context.unsubscribeUrl}>, <${mailto}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}

function tracked(body: string, kind: 'html' | 'text', context: ComposeContext): string {
  if (!context.tracking) return body;
  return trackLinks(body, kind, { ...context.tracking, keep: (url) => url === context.unsubscribeUrl });
}

const escapeAttribute = (value: string) => value.replaceAll('&', '&amp;').replaceAll('"', '&quot;');

/**
 * Every email carries a visible, working unsubscribe link.
 * - A link to this user's token (`…/u/TOKEN`) is pointed at the current URL: the email may have
 *   been rendered before the host knew its port, or before DRIPAGENT_PUBLIC_URL changed.
 * - A body with no such link, such as an imported raw template without `{{ unsubscribe_url }}`,
 *   gets a small footer with one rather than going out without it.
 */
export function withUnsubscribeLink(
  body: string,
  link: Pick<ComposeContext, 'unsubscribeUrl' | 'unsubscribeToken'>,
  kind: 'html' | 'text',
): string {
  const url = kind === 'html' ? escapeAttribute(link.unsubscribeUrl) : link.unsubscribeUrl;
  const replaced = replaceTokenLinks(body, `/u/${link.unsubscribeToken}`, url);
  if (replaced !== undefined) return replaced;
  if (kind === 'text') return `${body.trimEnd()}\n\nUnsubscribe: ${url}\n`;
  const footer = `<p style="color:#6b7280;font-size:12px;margin-top:24px"><a href="${url}">Unsubscribe</a> from these emails.</p>`;
  const close = body.search(/<\/body>/i);
  return close >= 0 ? `${body.slice(0, close)}${footer}${body.slice(close)}` : `${body}${footer}`;
}

const SCHEME = /https?:\/\//g;
/** What ends a link in a body: white space, quotes, angle brackets. */
const LINK_END = /[\s"'<>]/g;
const isWordOrDash = (code: number) =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 45;

/**
 * Replaces every link ending in `path` (`https?://…PATH`, not followed by a word character or `-`)
 * with `url`, as `body.replace(/https?:\/\/[^\s"'<>]*PATH(?![\w-])/g, url)` would, or returns
 * undefined when there is none. By hand, because a RegExp built for each user's token was compiled
 * for every email sent (a tenth of a millisecond each at 300 emails/s).
 */
export function replaceTokenLinks(body: string, path: string, url: string): string | undefined {
  if (!body.includes(path)) return undefined;
  let out = '';
  let copied = 0;
  let from = 0;
  for (;;) {
    SCHEME.lastIndex = from;
    const scheme = SCHEME.exec(body);
    if (!scheme) break;
    const start = scheme.index;
    const afterScheme = start + scheme[0].length;
    LINK_END.lastIndex = afterScheme;
    const linkEnd = LINK_END.exec(body)?.index ?? body.length;
    // Greedy, as the pattern: the last occurrence of the path within this link that may end it.
    // Searched within the link only: a search of the whole body per link was quadratic.
    const link = body.slice(afterScheme, linkEnd);
    let end = -1;
    for (let at = link.lastIndexOf(path); at >= 0; at = at === 0 ? -1 : link.lastIndexOf(path, at - 1)) {
      if (!isWordOrDash(body.charCodeAt(afterScheme + at + path.length))) {
        end = afterScheme + at + path.length;
        break;
      }
    }
    if (end < 0) {
      // A later scheme inside this link would end at the same place and find no more: skip the link.
      from = linkEnd;
      continue;
    }
    out += body.slice(copied, start) + url;
    copied = end;
    from = end;
  }
  return copied === 0 ? undefined : out + body.slice(copied);
}

/** What a sender composes an outbox email with. */
export interface OutboxComposing {
  links: UnsubscribeLinks;
  /** Rewrites links for click tracking (and adds the open pixel); without it emails go out as written. */
  tracking?: TrackingLinks;
  /** Whether links may be rewritten now (the host has an address recipients reach); always when absent. */
  trackLinks?: () => boolean;
}

/**
 * The message for an outbox email row, as every sender sends it: its user's unsubscribe link, and
 * click tracking and the open pixel as its journey asks (links tracked, no pixel, by default).
 * @throws when the row is not an email, or its recipient is not one valid address
 */
export function composeOutboxEmail(row: OutboxRow, how: OutboxComposing, now: number): SendMailOptions {
  if (row.payload.kind !== 'email') throw new Error(`Outbox row ${row.id} is not an email`);
  const { tracking } = how;
  const track = row.payload.tracking ?? { clicks: true, opens: false };
  return composeEmail(row.payload, {
    key: row.key,
    unsubscribeUrl: how.links.urlFor(row.userId),
    unsubscribeToken: how.links.tokenFor(row.userId),
    date: new Date(now),
    ...(tracking && (track.clicks || track.opens) && (how.trackLinks?.() ?? true)
      ? {
          tracking: {
            ...(track.clicks ? { click: (url: string) => tracking.clickUrl(row.id, url) } : {}),
            ...(track.opens ? { pixel: tracking.openUrl(row.id) } : {}),
          },
        }
      : {}),
  });
}
