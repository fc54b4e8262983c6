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
 * Moves the calls kept for the anonymousIds this user's identifies carry into the user's history,
 * and returns the user's events with those traits folded into the identify that claimed them.
 * Runs inside the engine's write transaction, before the user's state is loaded.
 */
export function claimAnonymous(store: Store, states: UserStates, userId: string, events: UserEvent[], now: number) {
  if (!events.some((e) => e.type === 'identify' && e.anonymousId)) return events;
  let movedHistory = false;
  const claimed = events.map((event): UserEvent => {
    if (event.type !== 'identify' || !event.anonymousId) return event;
    let traits: Record<string, unknown> = {};
    for (const kept of store.anonymous.take(event.anonymousId)) {
      if (kept.type === 'identify') traits = { ...traits, ...kept.traits };
      else movedHistory = store.events.insert({ ...kept, userId }, now) || movedHistory;
    }
    if (Object.keys(traits).length === 0) return event;
    return { ...event, traits: { ...traits, ...event.traits } } satisfies IdentifyEvent;
  });
  // The cached state lacks the history just stored: the next load reads it.
  if (movedHistory) states.forget(userId);
  return claimed;
}
