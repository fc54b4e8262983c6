import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSegmentEvent, plainSegmentEvent, SegmentEvent } from '../../electron/engine/segment';

const options = { defaultTime: 1000, fallbackMessageId: () => 'auto' };

/** Values that are sometimes right for a field and often subtly wrong. */
const anyValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constant(''),
  fc.string(),
  fc.integer(),
  fc.boolean(),
  fc.constant([]),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxKeys: 3 }),
);

const nearlyValidEvent = fc.record(
  {
    type: fc.oneof(fc.constant('track'), fc.constant('identify'), anyValue),
    event: fc.oneof(fc.constant('integration_started'), anyValue),
    userId: fc.oneof(fc.constant('u1'), fc.integer(), anyValue),
    messageId: fc.oneof(fc.constant('m1'), anyValue),
    timestamp: fc.oneof(fc.constant('2026-03-02T09:00:00Z'), fc.integer(), anyValue),
    properties: anyValue,
    traits: anyValue,
    context: anyValue,
    integrations: anyValue,
    anonymousId: anyValue,
    sentAt: anyValue,
    originalTimestamp: anyValue,
  },
  { requiredKeys: [] },
);

describe('Segment event parsing without zod', () => {
  it('accepts only what the schema accepts, and returns what it returns', () => {
    fc.assert(
      fc.property(nearlyValidEvent, (raw) => {
        const plain = plainSegmentEvent(raw as Record<string, unknown>);
        const zod = SegmentEvent.safeParse(raw);
        if (plain) {
          expect(zod.success).toBe(true);
          expect(plain.data).toEqual(zod.data);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('takes the plain path for the events clients actually send', () => {
    expect(
      plainSegmentEvent({ type: 'track', event: 'x', userId: 'u', properties: { a: 1 }, messageId: 'm', context: {} }),
    ).toBeDefined();
    expect(plainSegmentEvent({ type: 'identify', userId: 7, traits: { email: 'a@b.c' } })?.data).toMatchObject({
      userId: '7',
    });
  });

  it('still names the field of a bad event', () => {
    const result = parseSegmentEvent({ type: 'track', event: '', userId: 'u' }, 0, options);
    expect(result).toEqual({ ok: false, errors: [{ field: 'event', message: 'event name is empty' }] });
    const noUser = parseSegmentEvent({ type: 'identify', traits: {} }, 0, options);
    expect(noUser.ok).toBe(false);
    if (!noUser.ok) expect(noUser.errors[0]?.field).toBe('userId');
  });
});
