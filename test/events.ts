import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IdentifyEvent, TrackEvent, UserEvent } from '../shared/engine/types';
import { Journey } from '../shared/journey/schema';

/**
 * Test events that read like a timeline: everything happens at T0 + an offset. Used by the
 * interpreter's scenario tests (test/unit/journey) and the live engine's (test/engine).
 */

export const T0 = Date.parse('2026-03-02T09:00:00Z');
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

let counter = 0;

/** A track event at T0 + offset, with a fresh message id unless one is given. */
export function track(
  userId: string,
  event: string,
  offset: number,
  properties: Record<string, unknown> = {},
  messageId?: string,
): TrackEvent {
  counter++;
  return { type: 'track', event, userId, timestamp: T0 + offset, properties, messageId: messageId ?? `m${counter}` };
}

/** An identify at T0 + offset with signup (createdAt) at T0 and an email address by default. */
export function identify(userId: string, traits: Record<string, unknown> = {}, offset = 0): IdentifyEvent {
  counter++;
  return {
    type: 'identify',
    userId,
    timestamp: T0 + offset,
    traits: { email: `${userId}@example.com`, createdAt: new Date(T0).toISOString(), ...traits },
    messageId: `i${counter}`,
  };
}

/** One of the example journeys in resources/journeys, parsed. */
export function loadSeed(id: string): Journey {
  return Journey.parse(
    JSON.parse(readFileSync(join(import.meta.dirname, '../resources/journeys', `${id}.json`), 'utf8')),
  );
}

/** Each user's identify and the start of a custom API integration at `at` (the seed journey's trigger). */
export const startCustomApiIntegrations = (users: readonly string[], at = T0): UserEvent[] =>
  users.flatMap((userId) => [
    {
      type: 'identify' as const,
      userId,
      timestamp: at,
      traits: { email: `${userId}@example.com`, createdAt: new Date(at).toISOString() },
      messageId: `${userId}-id`,
    },
    {
      type: 'track' as const,
      event: 'integration_started',
      userId,
      timestamp: at,
      properties: { integration_type: 'custom_api' },
      messageId: `${userId}-start`,
    },
  ]);
