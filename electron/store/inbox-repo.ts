import type { Database } from 'better-sqlite3';
import { type ChangeSink, NO_CHANGES } from './changes';

/** One message received by the built-in dev inbox, stored raw (RFC 5322) as the recipient gets it. */
export interface InboxMessage {
  id: number;
  messageId: string | null;
  mailFrom: string;
  rcptTo: string;
  subject: string;
  raw: string;
  receivedAt: number;
}

export interface InboxRepo {
  add(message: Omit<InboxMessage, 'id'>): number;
  list(limit: number, offset?: number): Omit<InboxMessage, 'raw'>[];
  get(id: number): InboxMessage | undefined;
  count(): number;
  clear(): void;
}

interface Row {
  id: number;
  message_id: string | null;
  mail_from: string;
  rcpt_to: string;
  subject: string;
  raw: string;
  received_at: number;
}

const toMessage = (r: Row): InboxMessage => ({
  id: r.id,
  messageId: r.message_id,
  mailFrom: r.mail_from,
  rcptTo: r.rcpt_to,
  subject: r.subject,
  raw: r.raw,
  receivedAt: r.received_at,
});

export function createInboxRepo(db: Database, changes: ChangeSink = NO_CHANGES): InboxRepo {
  const insert = db.prepare(
    'INSERT INTO inbox (message_id, mail_from, rcpt_to, subject, raw, received_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const listStatement = db.prepare<[number, number], Omit<Row, 'raw'>>(
    'SELECT id, message_id, mail_from, rcpt_to, subject, received_at FROM inbox ORDER BY id DESC LIMIT ? OFFSET ?',
  );
  const getStatement = db.prepare<[number], Row>('SELECT * FROM inbox WHERE id = ?');
  const countStatement = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM inbox');
  const clearStatement = db.prepare('DELETE FROM inbox');
  return {
    add: (m) => {
      const id = Number(insert.run(m.messageId, m.mailFrom, m.rcptTo, m.subject, m.raw, m.receivedAt).lastInsertRowid);
      changes.inbox();
      return id;
    },
    list: (limit, offset = 0) =>
      listStatement.all(limit, offset).map((r) => {
        const { raw: _raw, ...rest } = toMessage({ ...r, raw: '' });
        return rest;
      }),
    get: (id) => {
      const row = getStatement.get(id);
      return row ? toMessage(row) : undefined;
    },
    count: () => countStatement.get()?.n ?? 0,
    clear: () => {
      clearStatement.run();
      changes.inbox();
    },
  };
}
