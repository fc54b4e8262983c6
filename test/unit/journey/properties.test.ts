import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { UserEvent } from '../../../shared/engine/types';
import { DAY, HOUR, identify, MIN, run, track } from './harness';

const EVENTS = [
  'integration_started',
  'api_key_created',
  'domain_verified',
  'test_event_sent',
  'setup_error_seen',
  'integration_connected',
  'sync_completed',
];

const userEvents = fc
  .array(
    fc.record({
      event: fc.constantFrom(...EVENTS),
      minutes: fc.integer({ min: 0, max: 4 * 24 * 60 }),
      code: fc.constantFrom('401', '403', '500'),
      type: fc.constantFrom('custom_api', 'stripe', 'dns', 'other'),
      dup: fc.boolean(),
    }),
    { maxLength: 12 },
  )
  .map((items) => {
    const events: UserEvent[] = [identify('p', { role: 'engineer' })];
    items.forEach((item, i) => {
      const e = track(
        'p',
        item.event,
        item.minutes * MIN,
        { error_code: item.code, integration_type: item.type },
        `p-${i}`,
      );
      events.push(e);
      if (item.dup) events.push({ ...e, timestamp: e.timestamp + HOUR });
    });
    return events;
  });

describe('interpreter properties', () => {
  it('gives the same outputs for the same inputs', () => {
    fc.assert(
      fc.property(userEvents, (events) => {
        expect(run(events)).toEqual(run(events));
      }),
      { numRuns: 150 },
    );
  });

  it('has no effect for a journey after its exit event', () => {
    fc.assert(
      fc.property(userEvents, (events) => {
        const result = run(events);
        const exitAt = result.outcomes.find(
          (o) => o.type === 'exit' && (o.reason === 'sync_completed' || o.reason === 'integration_connected'),
        );
        if (!exitAt) return;
        const later = result.outcomes.filter(
          (o) => o.journeyId === exitAt.journeyId && o.at > exitAt.at && o.type !== 'skip',
        );
        expect(later).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('ends every run', () => {
    fc.assert(
      fc.property(userEvents, (events) => {
        const result = run(events);
        for (const r of result.users.get('p')?.runs ?? []) expect(r.status).toBe('done');
      }),
      { numRuns: 150 },
    );
  });

  it('applies a duplicated messageId once when a later copy arrives', () => {
    fc.assert(
      fc.property(userEvents, fc.integer({ min: 0, max: 5 * DAY }), (events, shift) => {
        const copies = events.filter((e) => e.type === 'track').map((e) => ({ ...e, timestamp: e.timestamp + shift }));
        expect(run([...events, ...copies]).outcomes).toEqual(run(events).outcomes);
      }),
      { numRuns: 100 },
    );
  });
});
