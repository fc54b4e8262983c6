import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journey } from '../../../shared/journey/schema';
import { describeNode, describeNodeBrief } from './describe';
import { checkDraft } from './draftCheck';
import { publishReview } from './publishReview';

const seed = Journey.parse(
  JSON.parse(readFileSync(join(import.meta.dirname, '../../../resources/journeys/integration-setup.json'), 'utf8')),
);

describe('an email naming a built-in object key as its template', () => {
  for (const name of ['constructor', '__proto__', 'toString']) {
    it(`(${name}) is a missing template to the draft check, the review and the card, never a crash`, () => {
      const journey = structuredClone(seed);
      const email = journey.nodes.find((n) => n.type === 'email');
      if (email?.type !== 'email') throw new Error('the seed has an email');
      email.config.template = name;
      const problems = checkDraft(journey);
      expect(problems.problems).toContainEqual(
        expect.objectContaining({ severity: 'error', field: 'config.template' }),
      );
      expect(() => publishReview(journey)).not.toThrow();
      expect(describeNode(email, journey)).toBe(`Send email: template "${name}" is missing`);
      expect(() => describeNodeBrief(email, journey)).not.toThrow();
    });
  }
});
