import { describe, expect, it } from 'vitest';
import { contentWarnings, renderForChecks } from './content-checks';
import { Journey } from './schema';

const clean = {
  subject: 'Finish connecting your data source in 5 minutes',
  html: '<p>Create an API key in <a href="https://app.acme.io/keys">settings</a>.</p><p><a href="https://example.invalid/unsubscribe/u">Unsubscribe</a></p>',
  text: 'Create an API key in settings: https://app.acme.io/keys\n\nUnsubscribe: https://example.invalid/unsubscribe/u',
};
const ids = (parts: typeof clean) => contentWarnings(parts).map((w) => w.id);

describe('content checks', () => {
  it('find nothing in a plain setup email', () => {
    expect(contentWarnings(clean)).toEqual([]);
  });

  it('flag an HTML-only email', () => {
    expect(ids({ ...clean, text: '  ' })).toContain('no_text_part');
  });

  it('flag a subject in capitals and one with spam words, naming the words', () => {
    expect(ids({ ...clean, subject: 'FINISH YOUR SETUP' })).toEqual(['subject_caps']);
    const warning = contentWarnings({ ...clean, subject: 'Act now: free setup help!!' })[0];
    expect(warning).toEqual({ id: 'spam_words', message: expect.stringContaining('“free”, “act now”, “!!”') });
    expect(ids({ ...clean, subject: 'Set up Freeform sync' })).toEqual([]);
  });

  it('flag a body that is an image with hardly any text', () => {
    expect(
      ids({ ...clean, html: '<img src="https://acme.io/hero.png"><a href="https://x.io/unsubscribe">Unsubscribe</a>' }),
    ).toContain('image_only');
  });

  it(`flag more than ${10} distinct links`, () => {
    const links = Array.from({ length: 11 }, (_, i) => `<a href="https://acme.io/${i}">${i}</a>`).join(' ');
    expect(ids({ ...clean, html: `${clean.html}${links}` })).toEqual(['too_many_links']);
  });

  it('flag link text that shows another domain, but not a subdomain of the same site', () => {
    const phishy = contentWarnings({
      ...clean,
      html: `${clean.html}<a href="https://evil.example/login">paypal.com</a>`,
    });
    expect(phishy).toEqual([
      { id: 'link_text_domain', message: expect.stringContaining('shows “paypal.com” but goes to evil.example') },
    ]);
    expect(ids({ ...clean, html: `${clean.html}<a href="https://links.acme.io/k">acme.io/keys</a>` })).toEqual([]);
  });

  it('flag URL shorteners', () => {
    expect(ids({ ...clean, text: `${clean.text}\nhttps://bit.ly/abc` })).toEqual(['url_shortener']);
  });

  it('flag an email without an unsubscribe link of its own', () => {
    expect(ids({ ...clean, html: '<p>Hi</p>', text: 'Hi' })).toEqual(['missing_unsubscribe']);
  });

  it('render a journey template for a sample user, with fallbacks and variable defaults', () => {
    const journey = Journey.parse({
      formatVersion: 1,
      id: 'j',
      name: 'J',
      nodes: [],
      edges: [],
      variables: [{ name: 'guide', from: 'user.role', default: 'checklist' }],
    });
    const parts = renderForChecks(journey, {
      subject: 'Hi {{ user.first_name | default: "there" }}',
      html: '<p>{{ vars.guide }}</p>',
      text: '{{ unsubscribe_url }}',
    });
    expect(parts).toEqual({
      subject: 'Hi there',
      html: '<p>checklist</p>',
      text: 'https://example.invalid/unsubscribe/sample-user',
    });
  });
});
