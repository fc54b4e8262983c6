import type { Journey, Template } from './schema';
import { type RenderedParts, renderTemplate, type TemplateContext } from './template';

/** One finding about an email's content that makes filters more likely to send it to spam. */
export interface ContentWarning {
  id:
    | 'no_text_part'
    | 'subject_caps'
    | 'spam_words'
    | 'image_only'
    | 'too_many_links'
    | 'link_text_domain'
    | 'url_shortener'
    | 'missing_unsubscribe';
  message: string;
}

/** More distinct links than this reads like a newsletter or a link farm, not a setup step. */
export const MAX_LINKS = 10;

/** Words and phrases content filters score (SpamAssassin's and mailbox providers' classic list). */
const SPAM_PHRASES = [
  'free',
  'act now',
  'urgent',
  'winner',
  'cash',
  '100%',
  'risk-free',
  'risk free',
  'guarantee',
  'limited time',
  'click here',
  'buy now',
  'no cost',
  'earn money',
  'make money',
  'double your',
  'congratulations',
  '$$$',
];

const SHORTENERS = new Set([
  'bit.ly',
  'tinyurl.com',
  't.co',
  'goo.gl',
  'ow.ly',
  'is.gd',
  'buff.ly',
  'rebrand.ly',
  'cutt.ly',
  'shorturl.at',
  't.ly',
  'rb.gy',
  'tiny.cc',
]);

const decode = (value: string) =>
  value
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&nbsp;', ' ')
    .replaceAll('&amp;', '&');

const visibleText = (html: string) =>
  decode(
    html
      .replace(/<(style|script|head)\b[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' '),
  ).trim();

/** The host of an http(s) URL (shared code has no URL class). */
const hostOf = (url: string) =>
  /^https?:\/\/(?:[^@/?#]*@)?([^/?#:\s]+)/i
    .exec(url)?.[1]
    ?.toLowerCase()
    .replace(/^www\./, '');

/** A link's text that names a domain, e.g. "paypal.com" or "https://paypal.com/login". */
const shownHost = (text: string) => {
  const match = /^(?:https?:\/\/)?((?:[a-z0-9-]+\.)+[a-z]{2,})(?:[/:?#]\S*)?$/i.exec(text.trim());
  return match?.[1]?.toLowerCase().replace(/^www\./, '');
};

/** Same site when one host is the other or a subdomain of it (links.acme.io and acme.io). */
const sameSite = (a: string, b: string) => a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);

const quoted = (words: string[]) => words.map((w) => `“${w}”`).join(', ');

/**
 * Built-in checks of a rendered email, with or without SpamAssassin: no plain-text part, a subject in
 * capitals or with spam words, an image-only body, too many links, link text that shows another
 * domain, URL shorteners, no unsubscribe link.
 * @example contentWarnings({ subject: 'FREE MONEY', html: '<p>hi</p>', text: '' }).map((w) => w.id) // ['no_text_part', 'subject_caps', 'spam_words', ...]
 */
export function contentWarnings(parts: RenderedParts): ContentWarning[] {
  const warnings: ContentWarning[] = [];
  const { subject, html, text } = parts;
  if (text.trim() === '') {
    warnings.push({
      id: 'no_text_part',
      message:
        'It has no plain-text part: filters score HTML-only mail as spam more often. Add the same words as text.',
    });
  }
  const letters = subject.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 6 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) {
    warnings.push({ id: 'subject_caps', message: 'The subject is in capitals: write it in sentence case.' });
  }
  const lowerSubject = subject.toLowerCase();
  const found = SPAM_PHRASES.filter((phrase) =>
    /^[\w ]+$/.test(phrase) ? new RegExp(`\\b${phrase}\\b`).test(lowerSubject) : lowerSubject.includes(phrase),
  );
  if (/!{2,}/.test(subject)) found.push('!!');
  if (found.length > 0) {
    warnings.push({
      id: 'spam_words',
      message: `The subject uses words spam filters look for: ${quoted(found)}. Say what the email helps with instead.`,
    });
  }
  const images = (html.match(/<img\b/gi) ?? []).length;
  if (images > 0 && visibleText(html).replace(/unsubscribe.*$/i, '').length < 80) {
    warnings.push({
      id: 'image_only',
      message:
        'The body is mostly images with little text: filters cannot read images and often treat such mail as spam.',
    });
  }
  const anchors = [...html.matchAll(/<a\b[^>]*?\bhref\s*=\s*(["'])(.*?)\1[^>]*>([\s\S]*?)<\/a>/gi)].map((m) => ({
    url: decode(m[2] ?? '').trim(),
    text: visibleText(m[3] ?? ''),
  }));
  const textUrls = text.match(/https?:\/\/[^\s<>"')\]]+/g) ?? [];
  const web = [...anchors.map((a) => a.url), ...textUrls].filter((url) => /^https?:\/\//i.test(url));
  const distinct = new Set(web);
  if (distinct.size > MAX_LINKS) {
    warnings.push({
      id: 'too_many_links',
      message: `It has ${distinct.size} links (more than ${MAX_LINKS}): keep to the one next step the email is about.`,
    });
  }
  const misleading = anchors.filter((a) => {
    const shown = shownHost(a.text);
    const real = hostOf(a.url);
    return shown !== undefined && real !== undefined && !sameSite(shown, real);
  });
  if (misleading.length > 0) {
    const first = misleading[0] as { url: string; text: string };
    warnings.push({
      id: 'link_text_domain',
      message: `A link shows “${first.text}” but goes to ${hostOf(first.url)}: filters treat that as phishing. Make the text match where it goes.`,
    });
  }
  const shortened = [...distinct].map(hostOf).filter((host): host is string => !!host && SHORTENERS.has(host));
  if (shortened.length > 0) {
    warnings.push({
      id: 'url_shortener',
      message: `It links through a URL shortener (${[...new Set(shortened)].join(', ')}), which spammers use to hide where links go. Link to the page itself.`,
    });
  }
  const unsubscribeLink =
    anchors.some((a) => /unsubscribe/i.test(a.url) || /unsubscribe/i.test(a.text)) || /unsubscribe/i.test(text);
  if (!unsubscribeLink) {
    warnings.push({
      id: 'missing_unsubscribe',
      message:
        'It has no unsubscribe link of its own: DripAgent adds a small footer, but a link in your words, e.g. {{ unsubscribe_url }}, reads better.',
    });
  }
  return warnings;
}

/**
 * Renders a journey's template for the content checks, with a neutral sample user (fallbacks fill
 * the rest); undefined when it does not render (the validator reports that).
 */
export function renderForChecks(journey: Journey, template: Template): RenderedParts | undefined {
  const vars: Record<string, string> = {};
  for (const variable of journey.variables) vars[variable.name] = variable.default;
  const context: TemplateContext = {
    user: { id: 'sample-user', email: 'sample@example.com' },
    trigger: {},
    event: {},
    vars,
    journey: { id: journey.id, name: journey.name, entered_at: new Date(0).toISOString(), last_event: '' },
    unsubscribe_url: 'https://example.invalid/unsubscribe/sample-user',
  };
  try {
    return renderTemplate(template, context);
  } catch {
    return undefined;
  }
}
