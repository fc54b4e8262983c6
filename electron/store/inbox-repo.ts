import type { Database } from 'better-sqlite3';
import { type ChangeSink, NO_CHANGES } from './changes';
import { likePattern } from './like-pattern';

/** The journey, step and user an inbox message was sent for (none for a test send). */
export interface InboxOrigin {
  journeyId: string;
  nodeId: string;
  userId: string;
}

/** One message received by the built-in dev inbox, stored raw (RFC 5322) as the recipient gets it. */
export interface InboxMessage {
  id: number;
  messageId: string | null;
  mailFrom: string;
  rcptTo: string;
  subject: string;
  raw: string;
  receivedAt: number;
  origin: InboxOrigin | null;
}

/** Which messages to list: words in the subject or recipient, one journey, one user. */
export interface InboxFilter {
  search?: string;
  journeyId?: string;
  userId?: string;
}

export interface InboxRepo {
  add(message: Omit<InboxMessage, 'id' | 'origin'> & { origin?: InboxOrigin | null }): number;
  /** Newest first. */
  list(limit: number, offset?: number, filter?: InboxFilter): Omit<InboxMessage, 'raw'>[];
  get(id: number): InboxMessage | undefined;
  count(filter?: InboxFilter): number;
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
  journey_id: string | null;
  node_id: string | null;
  user_id: string | null;
}

const toMessage = (r: Row): InboxMessage => ({
  id: r.id,
  messageId: r.message_id,
  mailFrom: r.mail_from,
  rcptTo: r.rcpt_to,
  subject: r.subject,
  raw: r.raw,
  receivedAt: r.received_at,
  origin:
    r.journey_id !== null && r.node_id !== null && r.user_id !== null
      ? { journeyId: r.journey_id, nodeId: r.node_id, userId: r.user_id }
      : null,
});

// A filter left out matches everything (`? IS NULL`). The dev inbox is small: a scan is fine.
const WHERE = `(? IS NULL OR journey_id = ?) AND (? IS NULL OR user_id = ?)
  AND (? IS NULL OR subject LIKE ? ESCAPE '\\' OR rcpt_to LIKE ? ESCAPE '\\')`;

function filterParams(filter: InboxFilter = {}): (string | null)[] {
  const journey = filter.journeyId || null;
  const user = filter.userId || null;
  const search = filter.search?.trim() ? likePattern(filter.search.trim()) : null;
  return [journey, journey, user, user, search, search, search];
}

export function createInboxRepo(db: Database, changes: ChangeSink = NO_CHANGES): InboxRepo {
  const insert = db.prepare(
    `INSERT INTO inbox (message_id, mail_from, rcpt_to, subject, raw, received_at, journey_id, node_id, user_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const COLUMNS = 'id, message_id, mail_from, rcpt_to, subject, received_at, journey_id, node_id, user_id';
  const listStatement = db.prepare<(string | number | null)[], Omit<Row, 'raw'>>(
    `SELECT ${COLUMNS} FROM inbox WHERE ${WHERE} ORDER BY id DESC LIMIT ? OFFSET ?`,
  );
  const getStatement = db.prepare<[number], Row>('SELECT * FROM inbox WHERE id = ?');
  const countStatement = db.prepare<(string | null)[], { n: number }>(`SELECT COUNT(*) AS n FROM inbox WHERE ${WHERE}`);
  const clearStatement = db.prepare('DELETE FROM inbox');
  return {
    add: (m) => {
      const origin = m.origin ?? null;
      const id = Number(
        insert.run(
          m.messageId,
          m.mailFrom,
          m.rcptTo,
          m.subject,
          m.raw,
          m.receivedAt,
          origin?.journeyId ?? null,
          origin?.nodeId ?? null,
          origin?.userId ?? null,
        ).lastInsertRowid,
      );
      changes.inbox();
      return id;
    },
    list: (limit, offset = 0, filter) =>
      listStatement.all(...filterParams(filter), limit, offset).map((r) => {
        const { raw: _raw, ...rest } = toMessage({ ...r, raw: '' });
        return rest;
      }),
    get: (id) => {
      const row = getStatement.get(id);
      return row ? toMessage(row) : undefined;
    },
    count: (filter) => countStatement.get(...filterParams(filter))?.n ?? 0,
    clear: () => {
      clearStatement.run();
      changes.inbox();
    },
  };
}
