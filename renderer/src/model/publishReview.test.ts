import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journey } from '../../../shared/journey/schema';
import { publishReview } from './publishReview';

const seed = Journey.parse(
  JSON.parse(readFileSync(join(import.meta.dirname, '../../../resources/journeys/integration-setup.json'), 'utf8')),
);

describe('the review before publishing', () => {
  it('says who can enter, and how often', () => {
    const review = publishReview(seed);
    expect(review.entry[0]).toBe('When Integration started.');
    expect(review.entry[1]).toMatch(/^Only if Integration started happened within 1 hour of sign-up/);
    expect(review.entry.at(-1)).toBe('Each person enters once.');
    expect(review.changes).toBeNull();
  });

  it('lists the first emails, nearest first, with when and on what condition they go out', () => {
    const [first, second] = publishReview(seed).emails;
    expect(first).toMatchObject({ title: 'Confirm the steps', when: 'Right away', conditions: [] });
    expect(second).toMatchObject({
      title: 'API key guidance',
      when: 'After 30 min / 2 h / 12 h',
      conditions: ['API key created has not happened', '“Known setup error?” is no'],
    });
  });

  it('says what changed since the live version, leaving saved scenarios out', () => {
    const draft = { ...seed, scenarios: [], settings: { ...seed.settings, maxLateness: '2h' } };
    expect(publishReview(draft, seed).changes).toEqual([
      expect.objectContaining({ area: 'setting', subject: 'Maximum lateness', detail: '6h → 2h' }),
    ]);
  });
});
