import type { Effect, Outcome, RunState, StepResult, TrackEvent, UserState } from '../../shared/engine/types';
import type { Store } from '../store';
import type { JournalBatch } from '../store/journal-repo';
import type { NewOutboxItem, OutboxPayload } from '../store/outbox-repo';

/**
 * The rows one interpreter call asks to write for one user, as data: every store (SQLite's
 * repositories, PostgreSQL's batched statements) writes the same rows from it.
 */
export interface UserWrites {
  userId: string;
  /** Runs that changed; `isNew` when the run did not exist before this call. */
  runs: { run: RunState; isNew: boolean }[];
  outbox: NewOutboxItem[];
  /** Emails and webhooks a run did not send (kept for the journey's results). */
  skips: Outcome[];
  /** Events the journey recorded (track steps). */
  emitted: TrackEvent[];
  journal: JournalBatch | null;
  /** The user's traits, when they changed or no profile row exists yet. */
  traits: Record<string, unknown> | null;
  /** Journeys whose runs moved. */
  journeys: Set<string>;
}

export interface WritesContext {
  /** True for a skipped email or webhook (as opposed to a trigger that did not let the user in). */
  isSendSkip(outcome: Outcome): boolean;
  /** What the sender needs for an email effect, given the user's traits after the call. */
  emailPayload(effect: Extract<Effect, { kind: 'email' }>, traits: UserState['traits']): OutboxPayload;
}

/** The rows to write after the interpreter took a user from `before` to `after` through `results`. */
export function userWrites(
  how: WritesContext,
  before: UserState,
  after: UserState,
  hasProfile: boolean,
  results: readonly StepResult[],
): UserWrites {
  const userId = after.userId;
  const old = new Set(before.runs);
  const writes: UserWrites = {
    userId,
    runs: [],
    outbox: [],
    skips: [],
    emitted: [],
    journal: null,
    traits: !hasProfile || after.traits !== before.traits ? after.traits : null,
    journeys: new Set(),
  };
  for (const run of after.runs) {
    if (old.has(run)) continue;
    writes.runs.push({ run, isNew: !before.runs.some((r) => r.runId === run.runId) });
    writes.journeys.add(run.journeyId);
  }
  const outcomes: Outcome[] = [];
  const decisions = [];
  for (const result of results) {
    outcomes.push(...result.outcomes);
    for (const outcome of result.outcomes) if (how.isSendSkip(outcome)) writes.skips.push(outcome);
    decisions.push(...result.decisions);
    for (const effect of result.effects) {
      if (effect.kind === 'email' || effect.kind === 'webhook') {
        writes.outbox.push({
          key: effect.key,
          runId: effect.runId,
          userId,
          journeyId: effect.journeyId,
          nodeId: effect.nodeId,
          at: effect.at,
          payload:
            effect.kind === 'email'
              ? how.emailPayload(effect, after.traits)
              : { kind: 'webhook', url: effect.url, body: effect.body, headers: effect.headers },
        });
      } else if (effect.kind === 'emit_event') {
        writes.emitted.push(effect.event);
      }
    }
  }
  if (outcomes.length > 0 || decisions.length > 0) writes.journal = { outcomes, decisions };
  return writes;
}

/** Writes one user's rows through SQLite's repositories; returns how many outbox rows it added. */
export function writeToStore(store: Store, writes: UserWrites, now: number): number {
  for (const { run, isNew } of writes.runs) store.runs.save(run, isNew);
  for (const skip of writes.skips) store.skips.add(skip);
  let outbox = 0;
  for (const item of writes.outbox) if (store.outbox.add(item, now)) outbox++;
  for (const event of writes.emitted) store.events.insert(event, now);
  if (writes.journal) store.journal.append(writes.userId, now, writes.journal);
  if (writes.traits) store.profiles.save(writes.userId, writes.traits, now);
  return outbox;
}
