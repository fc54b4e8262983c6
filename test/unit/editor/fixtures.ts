import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Journey } from '../../../shared/journey/schema';

const ROOT = join(import.meta.dirname, '../../..');

/** A bundled example journey, parsed the way the app reads it. */
export function seedJourney(id = 'integration-setup'): Journey {
  return Journey.parse(JSON.parse(readFileSync(join(ROOT, 'resources/journeys', `${id}.json`), 'utf8')));
}

/** An empty journey to draw on. */
export function emptyJourney(id = 'draft'): Journey {
  return Journey.parse({ formatVersion: 1, id, name: 'Draft', nodes: [], edges: [] });
}
