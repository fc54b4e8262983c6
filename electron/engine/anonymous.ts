import type { IdentifyEvent, UserEvent } from '../../shared/engine/types';
import type { Store } from '../store';
import type { UserStates } from './user-states';

/**
 * Anonymous calls (Segment's anonymousId without a userId) wait in the store until an identify or
 * alias with that anonymousId names their user. Then they become the user's history: their events
 * count for later conditions and waits ("did they start an integration?") but start nothing now,
 * and their traits are the user's unless the naming identify says otherwise.
 */

/** Keeps an anonymous call; false when it was kept before. */
export function keepAnonymous(store: Store, event: UserEvent, now: number): boolean {
  return store.anonymous.insert(event.anonymousId ?? '', event, now);
}

/**
 * An identify that names an anonymousId, with the calls kept for it: their traits folded in under
 * the identify's own, and their track events to store as the user's history.
 */
export function foldAnonymous(
  event: IdentifyEvent,
  kept: readonly UserEvent[],
): { event: IdentifyEvent; history: UserEvent[] } {
  let traits: Record<string, unknown> = {};
  const history: UserEvent[] = [];
  for (const call of kept) {
    if (call.type === 'identify') traits = { ...traits, ...call.traits };
    else history.push({ ...call, userId: event.userId });
  }
  if (Object.keys(traits).length === 0) return { event, history };
  return { event: { ...event, traits: { ...traits, ...event.traits } }, history };
}

/**
 * Moves the calls kept for the anonymousIds this user's identifies carry into the user's history,
 * and returns the user's events with those traits folded into the identify that claimed them.
 * Runs inside the engine's write transaction, before the user's state is loaded.
 */
export function claimAnonymous(store: Store, states: UserStates, userId: string, events: UserEvent[], now: number) {
  if (!events.some((e) => e.type === 'identify' && e.anonymousId)) return events;
  let movedHistory = false;
  const claimed = events.map((event): UserEvent => {
    if (event.type !== 'identify' || !event.anonymousId) return event;
    const folded = foldAnonymous(event, store.anonymous.take(event.anonymousId));
    for (const kept of folded.history) movedHistory = store.events.insert(kept, now) || movedHistory;
    return folded.event;
  });
  // The cached state lacks the history just stored: the next load reads it.
  if (movedHistory) states.forget(userId);
  return claimed;
}
