import { describe, expect, it } from 'vitest';
import {
  emailFromMarkdown,
  markdownFromText,
  markdownOfTemplate,
  markdownToHtml,
  TEXT_FOOTER,
} from '../../../renderer/src/model/markdown';
import { lintTemplate, renderTemplate } from '../../../shared/journey/template';

const strip = (html: string) => html.replace(/ style="[^"]*"/g, '');

describe('markdownToHtml', () => {
  it('writes paragraphs, keeping single line breaks', () => {
    expect(strip(markdownToHtml('Hello\nthere\n\nSecond'))).toBe('<p>Hello<br>there</p><p>Second</p>');
  });

  it('writes headings, lists, quotes and rules', () => {
    expect(strip(markdownToHtml('# Title\n- one\n- two\n\n1. first\n2. second\n\n> note\n\n---'))).toBe(
      '<h1>Title</h1><ul><li>one</li><li>two</li></ul><ol><li>first</li><li>second</li></ol><blockquote>note</blockquote><hr>',
    );
  });

  it('writes bold, italic, code and links', () => {
    expect(strip(markdownToHtml('**Bold** and *it* and _it_ and `code` [Open](https://x.test/a?b=1&c=2)'))).toBe(
      '<p><strong>Bold</strong> and <em>it</em> and <em>it</em> and <code>code</code> <a href="https://x.test/a?b=1&amp;c=2">Open</a></p>',
    );
  });

  it('leaves snake_case words and Liquid alone', () => {
    const source = 'Your {{ trigger.integration_type | default: "integration" }} setup_step is _done_';
    expect(strip(markdownToHtml(source))).toBe(
      '<p>Your {{ trigger.integration_type | default: "integration" }} setup_step is <em>done</em></p>',
    );
  });

  it('keeps Liquid block tags out of paragraphs', () => {
    expect(strip(markdownToHtml('{% if user.plan == "pro" %}\nPro tip\n{% endif %}'))).toBe(
      '{% if user.plan == "pro" %}<p>Pro tip</p>{% endif %}',
    );
  });

  it('escapes HTML and refuses javascript links', () => {
    expect(strip(markdownToHtml('<script>x</script> [x](javascript:alert(1))'))).toBe(
      '<p>&lt;script&gt;x&lt;/script&gt; [x](javascript:alert(1))</p>',
    );
  });

  it('links bare addresses', () => {
    expect(strip(markdownToHtml('See https://example.com/docs.'))).toBe(
      '<p>See <a href="https://example.com/docs">https://example.com/docs</a>.</p>',
    );
  });
});

describe('emails from Markdown', () => {
  it('gives an HTML part with inline styles and a text part, both with an unsubscribe link', () => {
    const email = emailFromMarkdown('Hi {{ user.name | default: "there" }}\n');
    expect(email.html).toContain('style="font-family:');
    expect(email.html).toContain('{{ unsubscribe_url }}');
    expect(email.text).toBe(`Hi {{ user.name | default: "there" }}${TEXT_FOOTER}`);
  });

  it('reads back the Markdown of an email made here, and nothing from hand-written HTML', () => {
    const email = emailFromMarkdown('**Hi**\n\n- a\n- b');
    expect(markdownOfTemplate(email)).toBe('**Hi**\n\n- a\n- b');
    expect(markdownOfTemplate({ html: '<p>x</p>', text: email.text })).toBeUndefined();
    expect(markdownOfTemplate({ html: '', text: '' })).toBe('');
  });

  it('renders with the shared template code, escaping values in HTML only', () => {
    const email = emailFromMarkdown('Hello {{ user.name | default: "there" }}');
    const context = {
      user: { name: 'Ann <3' },
      trigger: {},
      event: {},
      vars: {},
      journey: {},
      unsubscribe_url: 'https://u.test',
    };
    const rendered = renderTemplate({ subject: 'Hi', ...email }, context);
    expect(rendered.html).toContain('Hello Ann &lt;3');
    expect(rendered.text).toContain('Hello Ann <3');
    expect(lintTemplate(email.html)).toEqual([]);
  });

  it('starts from a hand-written email text part without its footer', () => {
    expect(markdownFromText('Your key.\n\nMore.\n\n--\nUnsubscribe: {{ unsubscribe_url }}\n')).toBe(
      'Your key.\n\nMore.',
    );
  });
});
