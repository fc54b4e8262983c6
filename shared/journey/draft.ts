import { z } from 'zod';
import { Journey, type JourneyInput } from './schema';

/**
 * A draft is what the editor holds: a journey of the right shape whose values may not be finished
 * yet (a wait with no event chosen, a duration half typed). The host keeps every draft, finished
 * or not, so another window sees the same work and its problems; only publishing needs a valid
 * journey (see validate.ts).
 *
 * The draft schema is the journey schema with its value rules taken off: every object keeps its
 * fields, types, defaults and strictness, every string may be any string and every number any
 * number. Drafts parse into the same keys in the same order as journeys, so a finished draft's
 * text is exactly the journey file's. The journey id and name keep their rules: the id names the
 * draft in the store.
 */

/** The same schema without its checks on values (lengths, patterns, ranges), keeping its shape. */
function relaxed(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodString) return z.string();
  if (schema instanceof z.ZodNumber) return z.number();
  if (schema instanceof z.ZodArray) return z.array(relaxed(schema.element as z.ZodType));
  if (schema instanceof z.ZodOptional) return relaxed(schema.unwrap() as z.ZodType).optional();
  if (schema instanceof z.ZodDefault) {
    return relaxed(schema.unwrap() as z.ZodType).default(schema.def.defaultValue as never);
  }
  if (schema instanceof z.ZodRecord) {
    return z.record(schema.keyType as z.ZodString, relaxed(schema.valueType as z.ZodType));
  }
  if (schema instanceof z.ZodObject) {
    const shape: Record<string, z.ZodType> = {};
    for (const [key, field] of Object.entries(schema.shape)) shape[key] = relaxed(field as z.ZodType);
    const object = z.object(shape);
    return schema.def.catchall instanceof z.ZodNever ? object.strict() : object;
  }
  if (schema instanceof z.ZodDiscriminatedUnion) {
    const options = schema.options.map((option) => relaxed(option as z.ZodType)) as [z.ZodObject, ...z.ZodObject[]];
    return z.discriminatedUnion(schema.def.discriminator, options);
  }
  if (schema instanceof z.ZodUnion) {
    return z.union(schema.options.map((option) => relaxed(option as z.ZodType)) as [z.ZodType, ...z.ZodType[]]);
  }
  // Literals, enums, booleans, null and unknown say what a value is, not how good it is: kept.
  return schema;
}

/**
 * A journey as the editor may hold it: valid in shape, perhaps unfinished in its values.
 * @example JourneyDraft.safeParse({ ...journey, nodes: [{ ...wait, config: { ...wait.config, event: '' } }] }).success // true
 */
export const JourneyDraft = (relaxed(Journey) as z.ZodObject)
  .extend({ id: Journey.shape.id, name: Journey.shape.name })
  .strict() as unknown as z.ZodType<Journey, JourneyInput>;

/**
 * The one text form of a draft in the store: schema key order, defaults filled in, 2-space indent,
 * trailing newline; for a finished draft, exactly its journey file (see canonicalJourneyText).
 * @throws ZodError when `draft` does not have a journey's shape
 */
export function draftText(draft: unknown): string {
  return `${JSON.stringify(JourneyDraft.parse(draft), null, 2)}\n`;
}
