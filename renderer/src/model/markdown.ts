/**
 * Email bodies written in Markdown: the HTML part is generated with inline styles only (what
 * email clients keep), and the text part is the Markdown itself, which reads well as plain text.
 * Liquid (`{{ user.name | default: "there" }}`, `{% if %}`) passes through untouched, so the
 * shared template code renders both parts. Because the text part holds the source, a template
 * made here can always be opened again in the Markdown editor (see `markdownOfTemplate`).
 */

const STYLE = {
  wrapper: 'font-family:Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#111827',
  p: 'margin:0 0 16px',
  h1: 'margin:0 0 16px;font-size:22px;line-height:1.3;font-weight:bold',
  h2: 'margin:0 0 12px;font-size:18px;line-height:1.35;font-weight:bold',
  h3: 'margin:0 0 10px;font-size:16px;line-height:1.4;font-weight:bold',
  list: 'margin:0 0 16px;padding-left:24px',
  li: 'margin:0 0 6px',
  quote: 'margin:0 0 16px;padding:4px 0 4px 14px;border-left:3px solid #d1d5db;color:#4b5563',
  hr: 'border:none;border-top:1px solid #e5e7eb;margin:24px 0',
  code: 'font-family:Menlo,Consolas,monospace;font-size:13px;background:#f3f4f6;padding:1px 4px;border-radius:3px',
  a: 'color:#4f46e5;text-decoration:underline',
  footer: 'color:#6b7280;font-size:12px;margin-top:24px',
} as const;

/** Every email made here ends with an unsubscribe link, in both parts. */
export const HTML_FOOTER = `<p style="${STYLE.footer}"><a href="{{ unsubscribe_url }}" style="color:#6b7280">Unsubscribe</a></p>`;
export const TEXT_FOOTER = '\n\n--\nUnsubscribe: {{ unsubscribe_url }}\n';

/** Liquid is set aside before Markdown is read, so `{{ trigger.integration_type }}` never turns italic. */
const LIQUID = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;
const PLACEHOLDER = /\uE000(\d+)\uE000/g;

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** Links may go to the web, to a mail address, or to a Liquid value; never to `javascript:`. */
function safeUrl(url: string): string | undefined {
  const trimmed = url.trim();
  if (/^(https?:|mailto:)/i.test(trimmed) || /^\uE000\d+\uE000/.test(trimmed)) return trimmed;
  return undefined;
}

function inline(text: string): string {
  const codes: string[] = [];
  let html = escapeHtml(text).replace(/`([^`]+)`/g, (_, code: string) => {
    codes.push(`<code style="${STYLE.code}">${code}</code>`);
    return `\uE001${codes.length - 1}\uE001`;
  });
  html = html.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (whole, label: string, url: string) => {
    const href = safeUrl(url.replaceAll('&amp;', '&'));
    return href ? `<a href="${escapeHtml(href)}" style="${STYLE.a}">${label}</a>` : whole;
  });
  html = html.replace(
    /(^|[\s(])(https?:\/\/[^\s<)]+[^\s<).,;:!?])/g,
    (_, before: string, url: string) => `${before}<a href="${url}" style="${STYLE.a}">${url}</a>`,
  );
  html = html
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^\w])__(?=\S)([\s\S]*?\S)__(?!\w)/g, '$1<strong>$2</strong>')
    .replace(/(^|[^*\w])\*(?=\S)([^*]*?\S)\*(?!\*)/g, '$1<em>$2</em>')
    .replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1<em>$2</em>');
  return html.replace(/\uE001(\d+)\uE001/g, (_, index: string) => codes[Number(index)] ?? '');
}

type Block =
  | { kind: 'p' | 'quote'; lines: string[] }
  | { kind: 'h'; level: 1 | 2 | 3; text: string }
  | { kind: 'ul' | 'ol'; items: string[] }
  | { kind: 'hr' }
  | { kind: 'raw'; text: string };

const LIQUID_TAG_LINE = /^\s*\uE000\d+\uE000\s*$/;

function blocksOf(source: string, liquid: readonly string[]): Block[] {
  const blocks: Block[] = [];
  let open: Block | undefined;
  const close = () => {
    if (open) blocks.push(open);
    open = undefined;
  };
  for (const line of source.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '') {
      close();
      continue;
    }
    // A Liquid tag alone on a line ({% if %}, {% endif %}) wraps blocks; it is not a paragraph.
    if (LIQUID_TAG_LINE.test(trimmed) && liquid[Number(trimmed.replace(/\D/g, ''))]?.startsWith('{%')) {
      close();
      blocks.push({ kind: 'raw', text: trimmed });
      continue;
    }
    const heading = /^(#{1,3})\s+(.*)$/.exec(trimmed);
    if (heading) {
      close();
      blocks.push({ kind: 'h', level: (heading[1]?.length ?? 1) as 1 | 2 | 3, text: heading[2] ?? '' });
      continue;
    }
    if (/^(-{3,}|\*{3,}|_{3,})$/.test(trimmed)) {
      close();
      blocks.push({ kind: 'hr' });
      continue;
    }
    const bullet = /^[-*+]\s+(.*)$/.exec(trimmed);
    const numbered = /^\d+[.)]\s+(.*)$/.exec(trimmed);
    const item = bullet ?? numbered;
    if (item) {
      const kind = bullet ? 'ul' : 'ol';
      if (open?.kind !== kind) {
        close();
        open = { kind, items: [] };
      }
      (open as { items: string[] }).items.push(item[1] ?? '');
      continue;
    }
    const quote = /^>\s?(.*)$/.exec(trimmed);
    if (quote) {
      if (open?.kind !== 'quote') {
        close();
        open = { kind: 'quote', lines: [] };
      }
      (open as { lines: string[] }).lines.push(quote[1] ?? '');
      continue;
    }
    if (open && (open.kind === 'ul' || open.kind === 'ol')) {
      // A line under a list item continues it.
      const items = open.items;
      items[items.length - 1] = `${items[items.length - 1] ?? ''} ${trimmed}`;
      continue;
    }
    if (open?.kind !== 'p') {
      close();
      open = { kind: 'p', lines: [] };
    }
    (open as { lines: string[] }).lines.push(trimmed);
  }
  close();
  return blocks;
}

function renderBlock(block: Block): string {
  switch (block.kind) {
    case 'p':
      return `<p style="${STYLE.p}">${block.lines.map(inline).join('<br>')}</p>`;
    case 'quote':
      return `<blockquote style="${STYLE.quote}">${block.lines.map(inline).join('<br>')}</blockquote>`;
    case 'h':
      return `<h${block.level} style="${STYLE[`h${block.level}`]}">${inline(block.text)}</h${block.level}>`;
    case 'ul':
    case 'ol':
      return `<${block.kind} style="${STYLE.list}">${block.items.map((item) => `<li style="${STYLE.li}">${inline(item)}</li>`).join('')}</${block.kind}>`;
    case 'hr':
      return `<hr style="${STYLE.hr}">`;
    case 'raw':
      return block.text;
    default:
      return block satisfies never;
  }
}

/** Line endings and trailing spaces normalised, so the same words always give the same HTML. */
export function normalizeMarkdown(markdown: string): string {
  return markdown
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/\s+$/, ''))
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

/**
 * The HTML of a Markdown body, without the wrapper and footer: paragraphs (single line breaks
 * kept), headings (#, ##, ###), bullet and numbered lists, quotes, rules, **bold**, *italic*,
 * `code` and [links](https://…). Liquid is kept as written.
 * @example markdownToHtml('Hi {{ user.first_name | default: "there" }},\n\n**Welcome!**')
 * // '<p style="…">Hi {{ user.first_name | default: "there" }},</p><p style="…"><strong>Welcome!</strong></p>'
 */
export function markdownToHtml(markdown: string): string {
  const liquid: string[] = [];
  const protectedSource = normalizeMarkdown(markdown).replace(LIQUID, (tag) => {
    liquid.push(tag);
    return `\uE000${liquid.length - 1}\uE000`;
  });
  const html = blocksOf(protectedSource, liquid).map(renderBlock).join('');
  return html.replace(PLACEHOLDER, (_, index: string) => liquid[Number(index)] ?? '');
}

/**
 * Both parts of an email written in Markdown: email-safe HTML (inline styles, a wrapper and an
 * unsubscribe footer) and the text part (the Markdown and the same footer).
 * @example emailFromMarkdown('Hello').text // 'Hello\n\n--\nUnsubscribe: {{ unsubscribe_url }}\n'
 */
export function emailFromMarkdown(markdown: string): { html: string; text: string } {
  const source = normalizeMarkdown(markdown);
  return {
    html: `<div style="${STYLE.wrapper}">${markdownToHtml(source)}${HTML_FOOTER}</div>`,
    text: `${source}${TEXT_FOOTER}`,
  };
}

/**
 * The Markdown an email was made from, or undefined when its HTML was written some other way
 * (by hand, or edited since). An empty template reads as an empty body.
 * @example markdownOfTemplate({ subject: 'Hi', ...emailFromMarkdown('Hello') }) // 'Hello'
 */
export function markdownOfTemplate(template: { html: string; text: string }): string | undefined {
  if (template.html === '' && template.text === '') return '';
  if (!template.text.endsWith(TEXT_FOOTER)) return undefined;
  const source = template.text.slice(0, -TEXT_FOOTER.length);
  return emailFromMarkdown(source).html === template.html ? source : undefined;
}

/**
 * A starting point in Markdown for an email whose HTML was written by hand: its text part
 * without the footer and without Liquid block tags' line noise.
 */
export function markdownFromText(text: string): string {
  const withoutFooter = text.replace(/\n*--\n[\s\S]*$/, '');
  return normalizeMarkdown(withoutFooter);
}
