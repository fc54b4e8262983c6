import { JourneyDraft } from '../../shared/journey/draft';
import { Journey, type JourneyInput } from '../../shared/journey/schema';

/**
 * The one text form of a journey, used for storage and export: parsed by the schema (so keys come
 * out in schema order and defaults are filled in), 2-space indent, trailing newline. Parsing it
 * again yields the same text, which makes export → import → export byte-identical and lets the
 * store compare a draft with a published version as plain strings.
 * @example canonicalJourneyText(journey).endsWith('}\n') // true
 * @throws ZodError when `journey` does not match the schema
 */
export function canonicalJourneyText(journey: Journey | JourneyInput): string {
  return `${JSON.stringify(Journey.parse(journey), null, 2)}\n`;
}

/** Reads a stored canonical text back into a journey. */
export function parseStoredJourney(text: string): Journey {
  return Journey.parse(JSON.parse(text));
}

/** Reads a stored draft back: a journey's shape, its values perhaps unfinished (see JourneyDraft). */
export function parseStoredDraft(text: string): Journey {
  return JourneyDraft.parse(JSON.parse(text));
}
