import type { Database } from 'better-sqlite3';

/** A click on a tracked link, or an open of a tracked email (the pixel). */
export interface EmailClick {
  outboxId: number;
  userId: string;
  journeyId: string;
  nodeId: string;
  kind: 'click' | 'open';
  /** The original URL (empty for opens). */
  link: string;
  /** Why it was counted apart as a machine's fetch (`head`, `too_soon`, `proxy`), or null for a person. */
  prefetch: string | null;
  at: number;
}

/** Clicks (or opens) of one email node and link: people and machine fetches counted apart. */
export interface ClickCount {
  nodeId: string;
  kind: 'click' | 'open';
  link: string;
  clicks: number;
  /** Distinct people who clicked (machine fetches excluded). */
  people: number;
  prefetches: number;
}

export interface ClicksRepo {
  add(click: EmailClick): void;
  /** Per email node and link of a journey, from the journey index. */
  countsFor(journeyId: string): ClickCount[];
  /** The clicks of some messages (People: per email and link). */
  forMessages(outboxIds: readonly number[]): EmailClick[];
}

/** An email_clicks row as stored (SQLite and PostgreSQL alike). */
export interface ClickColumns {
  outbox_id: number;
  user_id: string;
  journey_id: string;
  node_id: string;
  kind: 'click' | 'open';
  link: string;
  prefetch: string | null;
  at: number;
}

export const clickOf = (r: ClickColumns): EmailClick => ({
  outboxId: r.outbox_id,
  userId: r.user_id,
  journeyId: r.journey_id,
  nodeId: r.node_id,
  kind: r.kind,
  link: r.link,
  prefetch: r.prefetch,
  at: r.at,
});

export function createClicksRepo(db: Database): ClicksRepo {
  const insert = db.prepare<[number, string, string, string, string, string, string | null, number]>(
    `INSERT INTO email_clicks (outbox_id, user_id, journey_id, node_id, kind, link, prefetch, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const counts = db.prepare<[string], ClickCount>(
    `SELECT node_id AS nodeId, kind, link,
            SUM(prefetch IS NULL) AS clicks,
            COUNT(DISTINCT CASE WHEN prefetch IS NULL THEN user_id END) AS people,
            SUM(prefetch IS NOT NULL) AS prefetches
     FROM email_clicks WHERE journey_id = ? GROUP BY node_id, kind, link ORDER BY node_id, kind, clicks DESC, link`,
  );
  // One statement for a trace's messages (up to thousands), each found through email_clicks_by_message.
  const ofMessages = db.prepare<[string], ClickColumns>(
    'SELECT * FROM email_clicks WHERE outbox_id IN (SELECT value FROM json_each(?)) ORDER BY outbox_id, at',
  );
  return {
    add: (c) => void insert.run(c.outboxId, c.userId, c.journeyId, c.nodeId, c.kind, c.link, c.prefetch, c.at),
    countsFor: (journeyId) => counts.all(journeyId),
    forMessages: (ids) => (ids.length === 0 ? [] : ofMessages.all(JSON.stringify(ids)).map(clickOf)),
  };
}
