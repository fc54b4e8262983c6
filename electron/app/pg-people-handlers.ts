import type pg from 'pg';
import { type HandlerRegistry, registerAll } from '../api/registry';
import { traceUser } from '../engine/trace';
import { type EventRow, rowToEvent } from '../store/events-repo';
import { likePattern } from '../store/like-pattern';
import { traceSource } from '../store/pg/trace-rows';

/** The longest trace the People view asks for, as on SQLite. */
const TRACE_LIMIT = 2000;

/**
 * PostgreSQL refuses a NUL in a text parameter; no stored id, name or trait holds one (ingestion
 * refuses them), so such a request finds nothing instead of failing.
 */
const NUL = '\u0000';
const clean = (...values: string[]) => values.every((value) => !value.includes(NUL));

/**
 * Who is where and why, on PostgreSQL: the live counts on the canvas, the people at a step, the
 * People search and a person's trace, read with the same shapes (and for the trace, the same
 * code) as on SQLite. Each is an indexed query for one journey or one person.
 */
export function registerPgPeopleHandlers(registry: HandlerRegistry, pool: pg.Pool): void {
  registerAll(registry, {
    'runs.overview': async ({ journeyId }) => {
      if (!clean(journeyId)) journeyId = '';
      const [nodes, totals, webhooks] = await Promise.all([
        pool.query<{ node_id: string; n: number }>(
          `SELECT node_id, COUNT(*)::int AS n FROM runs WHERE journey_id = $1 AND status = 'active' GROUP BY node_id`,
          [journeyId],
        ),
        pool.query<{ active: number; done: number }>(
          `SELECT COUNT(*) FILTER (WHERE status = 'active')::int AS active, COUNT(*) FILTER (WHERE status = 'done')::int AS done
           FROM runs WHERE journey_id = $1`,
          [journeyId],
        ),
        pool.query<{ retrying: number; failed: number; last_error: string | null }>(
          `SELECT COUNT(*) FILTER (WHERE status = 'pending')::int AS retrying,
             COUNT(*) FILTER (WHERE status = 'failed')::int AS failed,
             (SELECT last_error FROM outbox o WHERE o.journey_id = $1 AND o.kind = 'webhook'
                AND (o.status = 'failed' OR o.attempts > 0) AND o.status != 'sent' ORDER BY o.id DESC LIMIT 1) AS last_error
           FROM outbox WHERE journey_id = $1 AND kind = 'webhook' AND (status = 'failed' OR attempts > 0) AND status != 'sent'`,
          [journeyId],
        ),
      ]);
      const trouble = webhooks.rows[0];
      return {
        nodes: nodes.rows.map((r) => ({ nodeId: r.node_id, active: r.n })),
        active: totals.rows[0]?.active ?? 0,
        done: totals.rows[0]?.done ?? 0,
        webhooks: {
          retrying: trouble?.retrying ?? 0,
          failed: trouble?.failed ?? 0,
          lastError: trouble?.last_error ?? null,
        },
      };
    },
    'runs.usersAt': async ({ journeyId, nodeId, limit }) => {
      if (!clean(journeyId, nodeId)) return { users: [] };
      const { rows } = await pool.query<{
        user_id: string;
        state: string;
        wake_at: number | null;
        traits: string | null;
      }>(
        `SELECT r.user_id, r.state, r.wake_at, p.traits FROM runs r LEFT JOIN profiles p ON p.user_id = r.user_id
         WHERE r.journey_id = $1 AND r.node_id = $2 AND r.status = 'active' ORDER BY r.entered_at DESC LIMIT $3`,
        [journeyId, nodeId, limit],
      );
      return {
        users: rows.map((r) => ({
          userId: r.user_id,
          since: (JSON.parse(r.state) as { n: number }).n,
          wakeAt: r.wake_at,
          traits: r.traits ? JSON.parse(r.traits) : {},
        })),
      };
    },
    'users.search': async ({ query, limit }) => {
      if (!clean(query)) return { users: [] };
      const like = likePattern(query);
      const { rows } = await pool.query<{ user_id: string; traits: string; last_seen: number }>(
        `SELECT user_id, traits, last_seen FROM profiles WHERE user_id LIKE $1 OR traits LIKE $1
         ORDER BY last_seen DESC LIMIT $2`,
        [like, limit],
      );
      return { users: rows.map((r) => ({ userId: r.user_id, traits: JSON.parse(r.traits), lastSeen: r.last_seen })) };
    },
    'users.lastEvent': async ({ userId, event }) => {
      if (!clean(userId, event)) return { event: null };
      const { rows } = await pool.query<EventRow>(
        `SELECT message_id, user_id, type, name, ts, body FROM events
         WHERE user_id = $1 AND name = $2 AND type = 'track' ORDER BY ts DESC, seq DESC LIMIT 1`,
        [userId, event],
      );
      const found = rows[0] && rowToEvent(rows[0]);
      return {
        event: found?.type === 'track' ? { timestamp: found.timestamp, properties: found.properties } : null,
      };
    },
    'user.trace': async ({ userId }) =>
      traceUser(await traceSource(pool, clean(userId) ? userId : '', TRACE_LIMIT), userId),
  });
}
