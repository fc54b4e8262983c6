import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { journeyJsonSchema } from '../../../shared/journey/schema';

const root = join(import.meta.dirname, '../../..');
const committed = JSON.parse(readFileSync(join(root, 'resources/schema/journey.schema.json'), 'utf8'));

describe('the journey JSON Schema', () => {
  it('is committed exactly as generated from the zod schema (run `npx dripagent schema > resources/schema/journey.schema.json`)', () => {
    expect(committed).toEqual(journeyJsonSchema());
  });

  it('accepts every bundled journey and rejects a broken one', () => {
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(committed);
    const dir = join(root, 'resources/journeys');
    for (const file of readdirSync(dir)) {
      const journey = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      expect(validate(journey), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(
        validate({
          ...journey,
          nodes: [{ id: 'x', type: 'delay', position: { x: 0, y: 0 }, config: { mode: 'duration', duration: 'soon' } }],
        }),
      ).toBe(false);
    }
  });
});
