import type { Database } from 'better-sqlite3';

/** An outbox row handed to the SMTP server whose reply is not recorded yet. */
export interface Handoff {
  outboxId: number;
  at: number;
}

export interface HandoffsRepo {
  add(outboxId: number, at: number): void;
  remove(outboxId: number): void;
  all(): Handoff[];
}

export function createHandoffsRepo(db: Database): HandoffsRepo {
  const insert = db.prepare<[number, number]>(
    'INSERT INTO outbox_handoffs (outbox_id, at) VALUES (?, ?) ON CONFLICT (outbox_id) DO UPDATE SET at = excluded.at',
  );
  const remove = db.prepare<[number]>('DELETE FROM outbox_handoffs WHERE outbox_id = ?');
  const all = db.prepare<[], { outbox_id: number; at: number }>(
    'SELECT outbox_id, at FROM outbox_handoffs ORDER BY outbox_id',
  );
  return {
    add: (outboxId, at) => void insert.run(outboxId, at),
    remove: (outboxId) => void remove.run(outboxId),
    all: () => all.all().map((r) => ({ outboxId: r.outbox_id, at: r.at })),
  };
}
