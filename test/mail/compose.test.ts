import { describe, expect, it } from 'vitest';
import { composeEmail, replaceTokenLinks, withUnsubscribeLink } from '../../electron/mail/outbox/compose';

const token = 'dXNlci00Mg.Y2IXtlO1o9XSsTmaIkSOYg';
const url = `https://drip.example.com/u/${token}`;
const link = { unsubscribeUrl: url, unsubscribeToken: token };
const payload = (html: string, text: string) => ({
  kind: 'email' as const,
  to: 'ann@example.com',
  from: 'Team <team@example.com>',
  subject: 'Hi',
  html,
  text,
});
const compose = (html: string, text: string) =>
  composeEmail(payload(html, text), { key: 'run/node/1', ...link, date: new Date(0) });

describe('composing an outbox email', () => {
  it('keeps a body that already links to the unsubscribe URL as it is', () => {
    const html = `<p>Hi</p><p><a href="${url}">Unsubscribe</a></p>`;
    const text = `Hi\n\nUnsubscribe: ${url}`;
    const message = compose(html, text);
    expect(message.html).toBe(html);
    expect(message.text).toBe(text);
  });

  it("points a link rendered for another address (an earlier port, a changed public URL) at today's", () => {
    const old = `http://127.0.0.1:4010/u/${token}`;
    const message = compose(`<a href="${old}">Unsubscribe</a> <a href="${old}x">not this one</a>`, `Stop: ${old}`);
    expect(message.html).toBe(`<a href="${url}">Unsubscribe</a> <a href="${old}x">not this one</a>`);
    expect(message.text).toBe(`Stop: ${url}`);
  });

  it('recognises a link at the end of a sentence', () => {
    const text = `To stop these emails, visit ${url}.`;
    expect(compose('<p>Hi</p>', text).text).toBe(text);
  });

  it('adds a visible unsubscribe link to a body without one, escaped in HTML', () => {
    const odd = { unsubscribeUrl: `https://drip.example.com/u/${token}?a=1&b=2`, unsubscribeToken: token };
    expect(withUnsubscribeLink('<html><body><p>Hi</p></body></html>', odd, 'html')).toBe(
      `<html><body><p>Hi</p><p style="color:#6b7280;font-size:12px;margin-top:24px"><a href="https://drip.example.com/u/${token}?a=1&amp;b=2">Unsubscribe</a> from these emails.</p></body></html>`,
    );
    expect(withUnsubscribeLink('<p>Hi</p>', link, 'html')).toMatch(/^<p>Hi<\/p><p style=.*Unsubscribe<\/a>/);
    expect(compose('<p>Hi</p>', 'Hi').text).toBe(`Hi\n\nUnsubscribe: ${url}\n`);
  });

  it('always sets the one-click List-Unsubscribe headers', () => {
    const headers = compose('<p>Hi</p>', 'Hi').headers as Record<string, string>;
    expect(headers['List-Unsubscribe']).toBe(`<${url}>, <mailto:team@example.com?subject=unsubscribe%20${token}>`);
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  });

  it('replaces token links exactly as the regular expression it stands for', () => {
    // The oracle: the pattern the hand-written matcher replaced (compiled per token, it was slow).
    const oracle = (body: string, path: string, to: string) => {
      const pattern = new RegExp(`https?://[^\\s"'<>]*${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'g');
      return pattern.test(body) ? body.replace(pattern, () => to) : undefined;
    };
    // Pieces that meet at the pattern's edges: schemes, the path, characters that end a link or
    // continue a token, other paths, white space of several kinds.
    const pieces = [
      'http://',
      'https://',
      'htt',
      'h',
      `/u/${token}`,
      '/u/',
      token,
      '.',
      '-',
      '_',
      'x',
      '9',
      ' ',
      '\n',
      '\u00a0',
      '"',
      "'",
      '<',
      '>',
      '/',
      '?a=1&b=2',
      'https://a/u/other',
      'é',
      '<a href="http://example.com/x">l</a>\n',
      '\u2028',
      'hhttps://',
    ];
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let i = 0; i < 5000; i++) {
      const body = Array.from({ length: 1 + random(12) }, () => pieces[random(pieces.length)]).join('');
      expect(replaceTokenLinks(body, `/u/${token}`, 'URL'), body).toBe(oracle(body, `/u/${token}`, 'URL'));
    }
    const twice = `see https://a/u/${token}/u/${token}-x/u/${token} and http://b/u/${token}.`;
    expect(replaceTokenLinks(twice, `/u/${token}`, 'URL')).toBe(oracle(twice, `/u/${token}`, 'URL'));
    expect(replaceTokenLinks(twice, `/u/${token}`, 'URL')).toBe('see URL and URL.');
  });
});
