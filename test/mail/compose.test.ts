import { describe, expect, it } from 'vitest';
import { composeEmail, withUnsubscribeLink } from '../../electron/mail/compose';

const url = 'http://127.0.0.1:4010/u/abc_123?x=1&y=2';
const payload = (html: string, text: string) => ({
  kind: 'email' as const,
  to: 'ann@example.com',
  from: 'Team <team@example.com>',
  subject: 'Hi',
  html,
  text,
});
const compose = (html: string, text: string) =>
  composeEmail(payload(html, text), {
    key: 'run/node/1',
    unsubscribeUrl: url,
    unsubscribeToken: 'abc',
    date: new Date(0),
  });

describe('composing an outbox email', () => {
  it('keeps a body that already links to the unsubscribe URL as it is', () => {
    const html = `<p>Hi</p><p><a href="${url.replaceAll('&', '&amp;')}">Unsubscribe</a></p>`;
    const text = `Hi\n\nUnsubscribe: ${url}`;
    const message = compose(html, text);
    expect(message.html).toBe(html);
    expect(message.text).toBe(text);
  });

  it('adds a visible unsubscribe link to a body without one', () => {
    const message = compose('<html><body><p>Hi</p></body></html>', 'Hi');
    expect(message.html).toBe(
      '<html><body><p>Hi</p><p style="color:#6b7280;font-size:12px;margin-top:24px"><a href="http://127.0.0.1:4010/u/abc_123?x=1&amp;y=2">Unsubscribe</a> from these emails.</p></body></html>',
    );
    expect(message.text).toBe(`Hi\n\nUnsubscribe: ${url}\n`);
    expect(withUnsubscribeLink('<p>Hi</p>', url, 'html')).toMatch(/^<p>Hi<\/p><p style=.*Unsubscribe<\/a>/);
  });

  it('always sets the one-click List-Unsubscribe headers', () => {
    const headers = compose('<p>Hi</p>', 'Hi').headers as Record<string, string>;
    expect(headers['List-Unsubscribe']).toBe(`<${url}>, <mailto:team@example.com?subject=unsubscribe%20abc>`);
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  });
});
