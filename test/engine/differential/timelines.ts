import type { UserEvent } from '../../../shared/engine/types';
import type { Random } from './random';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** What a generated user does, in event time. */
export interface GeneratedUser {
  userId: string;
  events: UserEvent[];
}

/** Events handed to the engine at one moment (a request, or a client's late batch). */
export interface Delivery {
  at: number;
  events: UserEvent[];
}

/** A random starting profile: roles, plans, time zones (one invalid), odd or missing addresses. */
function profile(random: Random, userId: string, start: number): Record<string, unknown> {
  const traits: Record<string, unknown> = {
    createdAt: new Date(start - random.pick([0, 10 * MIN, 3 * HOUR])).toISOString(),
  };
  const email = random.pick([
    `${userId}@example.com`,
    `${userId}@example.com`,
    `${userId}@example.com`,
    'a@x.io, b@y.io',
    undefined,
  ]);
  if (email !== undefined) traits.email = email;
  if (random.chance(0.7)) traits.role = random.pick(['founder', 'engineer', 'marketer']);
  if (random.chance(0.7)) traits.plan = random.pick(['pro', 'team', 'free']);
  if (random.chance(0.6)) traits.timezone = random.pick(['UTC', 'America/New_York', 'Asia/Tokyo', 'Mars/Olympus']);
  return traits;
}

type EventMaker = (random: Random) => { event: string; properties: Record<string, unknown> };

const seedEvents: EventMaker[] = [
  (r) => ({
    event: 'integration_started',
    properties: { integration_type: r.pick(['stripe', 'custom_api', 'dns', 'webhook']) },
  }),
  () => ({ event: 'api_key_created', properties: {} }),
  () => ({ event: 'domain_verified', properties: {} }),
  () => ({ event: 'test_event_sent', properties: {} }),
  (r) => ({
    event: 'setup_error_seen',
    properties: { error_code: r.pick(['401', '401', '500']), environment: 'production' },
  }),
  () => ({ event: 'sync_completed', properties: {} }),
  () => ({ event: 'integration_connected', properties: {} }),
];

const generatedEvents: EventMaker[] = [
  (r) => ({ event: 'g_start', properties: { plan: r.pick(['pro', 'team', 'free']) } }),
  () => ({ event: 'g_step', properties: {} }),
  () => ({ event: 'g_more', properties: {} }),
  (r) => ({ event: 'g_error', properties: { code: r.pick(['e1', 'e1', 'e2']) } }),
  () => ({ event: 'g_done', properties: {} }),
];

/**
 * One user's timeline: an identify with the profile, the journey's start event early on, then a
 * few events over four days (more errors and starts than anything), now and then a change of
 * traits (a new role or time zone, an unsubscribe).
 */
export function generateUser(random: Random, userId: string, start: number, kind: 'seed' | 'generated'): GeneratedUser {
  const makers = kind === 'seed' ? seedEvents : generatedEvents;
  let n = 0;
  const id = () => `${userId}-${n++}`;
  const events: UserEvent[] = [
    { type: 'identify', userId, timestamp: start, traits: profile(random, userId, start), messageId: id() },
  ];
  const track = (offset: number, made: ReturnType<EventMaker>): UserEvent => ({
    type: 'track',
    userId,
    timestamp: start + offset,
    messageId: id(),
    ...made,
  });
  events.push(track(random.int(0, 30) * MIN, (makers[0] as EventMaker)(random)));
  const count = random.int(0, 7);
  for (let i = 0; i < count; i++) {
    const offset = random.int(1, 4 * 24 * 60) * MIN + random.int(0, 59) * 1000;
    if (random.chance(0.1)) {
      const traits = random.pick([
        { unsubscribed: true },
        { role: 'engineer' },
        { timezone: 'Asia/Tokyo' },
        { plan: 'free' },
      ]);
      events.push({ type: 'identify', userId, timestamp: start + offset, traits, messageId: id() });
    } else {
      events.push(track(offset, random.pick(makers)(random)));
    }
  }
  return { userId, events: events.sort((a, b) => a.timestamp - b.timestamp) };
}

/**
 * When the user's events reach the engine: in batches, shuffled inside each batch, some late
 * (after their time, but before the user's next wake-up is due, before the user's next event, and
 * within an hour), some sent twice (the same messageId again, in the same batch or a later one).
 * `wakeups` are the times the user's wake-ups fire in the simulation of the same events.
 */
export function deliveries(random: Random, user: GeneratedUser, wakeups: readonly number[]): Delivery[] {
  const out: Delivery[] = [];
  const events = user.events;
  let i = 0;
  while (i < events.length) {
    const group = [events[i] as UserEvent];
    let latest = latestDelivery(events[i] as UserEvent, wakeups);
    // Events close together may travel in one batch, delivered when the last of them happened.
    while (i + 1 < events.length && random.chance(0.5)) {
      const next = events[i + 1] as UserEvent;
      if (next.timestamp > latest) break;
      group.push(next);
      latest = Math.min(latest, latestDelivery(next, wakeups));
      i++;
    }
    i++;
    const earliest = (group[group.length - 1] as UserEvent).timestamp;
    const nextEvent = events[i]?.timestamp ?? Number.POSITIVE_INFINITY;
    const limit = Math.min(latest, nextEvent);
    const at = random.chance(0.4) && limit > earliest ? random.int(earliest, limit) : earliest;
    const batch = [...group];
    if (random.chance(0.2)) batch.push(random.pick(group));
    if (random.chance(0.15) && out.length > 0) batch.push(random.pick(random.pick(out).events));
    out.push({ at, events: random.shuffle(batch) });
  }
  return out;
}

/** The latest an event may arrive and still be taken as the simulation takes it. */
function latestDelivery(event: UserEvent, wakeups: readonly number[]): number {
  const nextWake = wakeups.find((w) => w >= event.timestamp);
  const beforeWake = nextWake === undefined ? Number.POSITIVE_INFINITY : Math.max(event.timestamp, nextWake - 1);
  return Math.min(beforeWake, event.timestamp + HOUR);
}
