/**
 * A received email's HTML as a document for a sandboxed frame. A fragment gets a white page
 * and a readable width, as a mail app would give it; a whole document is shown as sent.
 * @example emailDocument('<p>Hi</p>') // '<!doctype html><html>…<body><p>Hi</p></body></html>'
 */
export function emailDocument(html: string): string {
  if (/<html[\s>]/i.test(html)) return html;
  return `<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0;padding:24px 28px;background:#fff;color:#111827;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;max-width:640px}img{max-width:100%}</style></head><body>${html}</body></html>`;
}

/**
 * An address header as a person writes it: display names without their protective quotes.
 * @example readableAddress('"DripAgent Setup" <setup@example.com>') // 'DripAgent Setup <setup@example.com>'
 */
export function readableAddress(value: string): string {
  return value.replace(/"([^"<>]*)"\s*</g, '$1 <');
}
