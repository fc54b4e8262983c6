import type { ApiResponse } from '../../shared/api/spec';
import type { ClicksRepo } from '../store/clicks-repo';
import type { EventsRepo } from '../store/events-repo';
import type { JournalRepo } from '../store/journal-repo';
import type { OutboxRow } from '../store/outbox-repo';
import type { ProfilesRepo } from '../store/profiles-repo';
import type { RunsRepo } from '../store/runs-repo';
import type { SuppressionsRepo } from '../store/suppressions-repo';

export type UserTrace = ApiResponse<'user.trace'>;

/** What a trace reads: the SQLite store, or one user's rows read from PostgreSQL (pg/trace-rows.ts). */
export interface TraceSource {
  journal: Pick<JournalRepo, 'forUser'>;
  profiles: Pick<ProfilesRepo, 'get'>;
  suppressions: Pick<SuppressionsRepo, 'get'>;
  outbox: { list(filter: { userId: string; limit: number }): OutboxRow[] };
  clicks: Pick<ClicksRepo, 'forMessages'>;
  events: Pick<EventsRepo, 'timelineOf'>;
  runs: Pick<RunsRepo, 'forUser'>;
}

/**
 * Everything that answers "why did / didn't this user get email X?": the user's events, the
 * interpreter's decisions and outcomes in words, the messages and their delivery, and the runs.
 */
export function traceUser(store: TraceSource, userId: string, limit = 2000): UserTrace {
  const journal = store.journal.forUser(userId, limit);
  const traits = store.profiles.get(userId)?.traits ?? {};
  const suppressed = typeof traits.email === 'string' ? store.suppressions.get(traits.email) : undefined;
  const messages = store.outbox.list({ userId, limit }).reverse();
  const clicks = new Map<number, { kind: 'click' | 'open'; link: string; at: number }[]>();
  for (const click of store.clicks.forMessages(messages.filter((m) => m.kind === 'email').map((m) => m.id))) {
    if (click.prefetch !== null) continue;
    const list = clicks.get(click.outboxId) ?? [];
    list.push({ kind: click.kind, link: click.link, at: click.at });
    clicks.set(click.outboxId, list);
  }
  return {
    userId,
    traits,
    events: store.events
      .timelineOf(userId, limit)
      .reverse()
      .map((e) =>
        e.type === 'track'
          ? {
              type: 'track' as const,
              event: e.event,
              userId: e.userId,
              timestamp: e.timestamp,
              messageId: e.messageId,
              properties: e.properties,
            }
          : {
              type: 'identify' as const,
              userId: e.userId,
              timestamp: e.timestamp,
              messageId: e.messageId,
              traits: e.traits,
            },
      ),
    outcomes: journal.flatMap((j) => j.outcomes),
    decisions: journal.flatMap((j) => j.decisions),
    messages: messages.map((m) => ({
      id: m.id,
      kind: m.kind,
      journeyId: m.journeyId,
      nodeId: m.nodeId,
      at: m.at,
      status: m.status,
      attempts: m.attempts,
      sentAt: m.sentAt,
      lastError: m.lastError,
      ...(m.payload.kind === 'email' ? { subject: m.payload.subject, clicks: clicks.get(m.id) ?? [] } : {}),
    })),
    runs: store.runs.forUser(userId).map((r) => ({
      runId: r.runId,
      journeyId: r.journeyId,
      version: r.version,
      status: r.status,
      nodeId: r.nodeId,
      enteredAt: r.enteredAt,
      wakeAt: r.wakeAt,
      endedAt: r.endedAt,
      endReason: r.endReason,
    })),
    suppression: suppressed
      ? {
          address: suppressed.address,
          reason: suppressed.reason,
          source: suppressed.source,
          detail: suppressed.detail,
          at: suppressed.at,
        }
      : null,
  };
}

/** The trace as lines a person reads in a terminal, in time order. */
export function formatTrace(trace: UserTrace): string {
  const rows: { at: number; order: number; text: string }[] = [];
  const time = (ms: number) =>
    new Date(ms)
      .toISOString()
      .replace('T', ' ')
      .replace(/:\d\d\.\d+Z$/, 'Z');
  for (const e of trace.events) {
    const detail = e.type === 'track' ? `${e.event} ${compact(e.properties)}` : `identify ${compact(e.traits)}`;
    rows.push({ at: e.timestamp, order: 0, text: `event     ${detail}` });
  }
  for (const d of trace.decisions)
    rows.push({
      at: d.at,
      order: 1,
      text: `why       [${d.journeyId}${d.nodeId ? ` › ${d.nodeId}` : ''}] ${d.message}`,
    });
  for (const m of trace.messages) {
    const what = m.kind === 'email' ? `email "${m.subject ?? ''}"` : 'webhook';
    const status =
      m.status === 'sent'
        ? `sent ${m.sentAt ? time(m.sentAt) : ''}`
        : m.status === 'failed'
          ? `FAILED: ${m.lastError ?? ''}`
          : `pending (${m.attempts} attempts${m.lastError ? `, last error: ${m.lastError}` : ''})`;
    rows.push({ at: m.at, order: 2, text: `message   [${m.journeyId} › ${m.nodeId}] ${what}: ${status}` });
    for (const click of m.clicks ?? []) {
      const did = click.kind === 'click' ? `clicked ${click.link}` : 'opened';
      rows.push({ at: click.at, order: 3, text: `${click.kind.padEnd(9)} [${m.journeyId} › ${m.nodeId}] ${did}` });
    }
  }
  rows.sort((a, b) => a.at - b.at || a.order - b.order);
  const header = [`User ${trace.userId}`, `Traits: ${compact(trace.traits)}`];
  const suppression = trace.suppression;
  if (suppression) {
    const why = suppression.reason === 'bounced' ? 'it bounced' : 'they marked an email as spam';
    header.push(
      `Suppressed: ${suppression.address} is not mailed by any journey since ${time(suppression.at)}: ${why}${suppression.detail ? ` (${suppression.detail})` : ''}`,
    );
  }
  for (const r of trace.runs) {
    header.push(
      `Run ${r.runId} (v${r.version}): ${r.status === 'active' ? `at ${r.nodeId}${r.wakeAt ? `, next step ${time(r.wakeAt)}` : ''}` : `ended ${r.endReason ?? ''}`}`,
    );
  }
  return `${header.join('\n')}\n\n${rows.map((r) => `${time(r.at)}  ${r.text}`).join('\n')}\n`;
}

function compact(value: unknown): string {
  const text = JSON.stringify(value ?? {});
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}
