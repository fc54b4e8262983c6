import type pg from 'pg';
import { ApiHandlerError } from '../../shared/api/errors';
import { type HandlerRegistry, registerAll } from '../api/registry';
import { outboxItem } from '../mail/handlers';
import { readSendingRate, type SendingRate, saveSendingRate } from '../mail/settings/sending-rate';
import { suppressionsCsv } from '../mail/suppression/suppressions-csv';
import type { MetaRepo } from '../store';
import type { ClickCount } from '../store/clicks-repo';
import { likePattern } from '../store/like-pattern';
import { type OutboxRowColumns, outboxRowOf } from '../store/outbox-repo';
import { outboxCounts } from '../store/pg/table-sizes';
import { normalizeAddress, type SuppressionColumns, toSuppression } from '../store/suppressions-repo';

export interface PgMailHandlerDeps {
  pool: pg.Pool;
  /** The shared settings as this engine last read them. */
  meta: () => MetaRepo;
  /** Saves shared settings under their lock and reads them back. */
  saveShared: <T>(work: (shared: MetaRepo) => T) => Promise<T>;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Said by the mail views that have no meaning with several engines. */
const NO_DEV_INBOX =
  'There is no dev inbox with several engines: emails go to the SMTP server set in Settings (or DRIPAGENT_SMTP_URL) from every engine.';
const NOT_YET =
  'This is not available on an engine of several yet: check a sending domain with `dripagent check-domain DOMAIN` ' +
  '(it needs no database), and send test emails from a single host.';

const refused = (message: string) => () => {
  throw new ApiHandlerError('conflict', message);
};

/**
 * The mail views on a PostgreSQL engine: the outbox, unsubscribes, suppressions (list, remove,
 * CSV), the sending rate limit (shared by every engine) and a journey's clicks, read from the
 * database. The dev inbox, the domain and spam checks and test emails answer in words why they are not here.
 */
export function registerPgMailHandlers(registry: HandlerRegistry, deps: PgMailHandlerDeps): void {
  const { pool } = deps;
  const rows = async <T>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as T[];
  const suppressionsWhere = (query: string) =>
    query
      ? { sql: "WHERE address ILIKE $1 ESCAPE '\\' OR user_id ILIKE $1 ESCAPE '\\'", params: [likePattern(query)] }
      : { sql: '', params: [] };
  registerAll(registry, {
    'outbox.list': async ({ status, userId, limit }) => {
      const where: string[] = [];
      const params: unknown[] = [];
      if (userId) where.push(`user_id = $${params.push(userId)}`);
      if (status) where.push(`status = $${params.push(status)}`);
      const found = await rows<OutboxRowColumns>(
        `SELECT * FROM outbox ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY id DESC LIMIT $${params.push(limit)}`,
        params,
      );
      return { items: found.map((row) => outboxItem(outboxRowOf(row))) };
    },

    'outbox.counts': () => outboxCounts(pool),

    'mail.unsubscribes.list': async ({ limit, offset }) => ({
      items: (
        await rows<{ user_id: string; reason: string; at: number }>(
          'SELECT user_id, reason, at FROM unsubscribes ORDER BY at DESC, user_id LIMIT $1 OFFSET $2',
          [limit, offset],
        )
      ).map((u) => ({ userId: u.user_id, reason: u.reason, at: iso(u.at) })),
      total: (await rows<{ n: number }>('SELECT COUNT(*)::int AS n FROM unsubscribes'))[0]?.n ?? 0,
    }),

    'mail.suppressions.list': async ({ query, limit, offset }) => {
      const where = suppressionsWhere(query.trim());
      const n = where.params.length;
      const found = await rows<SuppressionColumns>(
        `SELECT * FROM suppressions ${where.sql} ORDER BY at DESC, address LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...where.params, limit, offset],
      );
      const total = await rows<{ n: number }>(`SELECT COUNT(*)::int AS n FROM suppressions ${where.sql}`, where.params);
      return { items: found.map((row) => ({ ...toSuppression(row), at: iso(row.at) })), total: total[0]?.n ?? 0 };
    },

    // Engines read suppressions from the database for every batch: removed here, mailed again everywhere.
    'mail.suppressions.remove': async ({ address }) => {
      const key = normalizeAddress(address);
      const removed = await pool.query('DELETE FROM suppressions WHERE address = $1', [key]);
      await pool.query('DELETE FROM soft_bounces WHERE address = $1', [key]);
      return { removed: removed.rowCount === 1 };
    },

    'mail.suppressions.export': async () => {
      const all = await rows<SuppressionColumns>('SELECT * FROM suppressions ORDER BY at DESC, address');
      return suppressionsCsv({
        each: (visit) => {
          for (const row of all) visit(toSuppression(row));
        },
      });
    },

    'mail.rate.get': () => readSendingRate(deps.meta()),

    'mail.rate.save': (rate) => deps.saveShared((shared): SendingRate => saveSendingRate(shared, rate)),

    'mail.clicks.journey': async ({ journeyId }) => ({
      counts: await rows<ClickCount>(
        `SELECT node_id AS "nodeId", kind, link, (COUNT(*) FILTER (WHERE prefetch IS NULL))::int AS clicks,
                COUNT(DISTINCT CASE WHEN prefetch IS NULL THEN user_id END)::int AS people,
                (COUNT(*) FILTER (WHERE prefetch IS NOT NULL))::int AS prefetches
         FROM email_clicks WHERE journey_id = $1 GROUP BY node_id, kind, link ORDER BY node_id, kind, clicks DESC, link`,
        [journeyId],
      ),
    }),

    'inbox.list': refused(NO_DEV_INBOX),
    'inbox.get': refused(NO_DEV_INBOX),
    'inbox.clear': refused(NO_DEV_INBOX),
    'mail.webhooks.get': refused(NOT_YET),
    'mail.domain.get': refused(NOT_YET),
    'mail.domain.check': refused(NOT_YET),
    'mail.spam.check': refused(NOT_YET),
    'mail.test.send': refused(NOT_YET),
  });
}
