import { type AddressObject, simpleParser } from 'mailparser';
import type { InboxMessageView } from '../../../shared/api/mail';
import type { InboxMessage } from '../../store/inbox-repo';

const addressText = (value: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(value) ? value : value ? [value] : []).map((a) => a.text).join(', ');

/** `Name: value` with folding removed, as the message carries it (encoded words stay encoded). */
function splitHeaderLine(line: string): { name: string; value: string } {
  const colon = line.indexOf(':');
  return {
    name: line.slice(0, colon).trim(),
    value: line
      .slice(colon + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim(),
  };
}

/**
 * Parses a stored message the way a mail client would, for the Inbox view.
 * @example const view = await viewInboxMessage(store.inbox.get(1)); view.listUnsubscribe // '<http://…/u/…>, <mailto:…>'
 */
export async function viewInboxMessage(message: InboxMessage): Promise<InboxMessageView> {
  const parsed = await simpleParser(message.raw, { skipImageLinks: true });
  const headers = parsed.headerLines.map(({ line }) => splitHeaderLine(line));
  const header = (name: string) => headers.find((h) => h.name.toLowerCase() === name)?.value ?? null;
  return {
    id: message.id,
    receivedAt: new Date(message.receivedAt).toISOString(),
    envelope: { from: message.mailFrom, to: message.rcptTo },
    subject: parsed.subject ?? '',
    from: addressText(parsed.from),
    to: addressText(parsed.to),
    replyTo: parsed.replyTo ? addressText(parsed.replyTo) : null,
    date: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : null,
    messageId: parsed.messageId || null,
    html: parsed.html || null,
    text: parsed.text || null,
    listUnsubscribe: header('list-unsubscribe'),
    listUnsubscribePost: header('list-unsubscribe-post'),
    headers,
    sizeBytes: Buffer.byteLength(message.raw, 'utf8'),
  };
}
