import { z } from 'zod';
import { JourneyDraft } from '../journey/draft';
import { defineHandlers } from './define';

/** Mirrors `Problem` from shared/journey/validate.ts so problems can cross the API boundary. */
export const Problem = z.object({
  severity: z.enum(['error', 'warning']),
  nodeId: z.string().optional(),
  field: z.string().optional(),
  message: z.string(),
});
export type Problem = z.infer<typeof Problem>;

export const JourneyStatus = z.enum(['draft', 'live', 'paused']);
export type JourneyStatus = z.infer<typeof JourneyStatus>;

/** A row of the journey list: enough to render it without loading the journey itself. */
export const JourneySummary = z.object({
  id: z.string(),
  name: z.string(),
  status: JourneyStatus,
  /** ISO timestamp of the last draft save. */
  updatedAt: z.string(),
  /** The newest published version, or null when never published. */
  latestVersion: z.number().int().nullable(),
  /**
   * True when the draft's steps, emails or settings differ from the newest published version (or
   * nothing is published yet). Saved simulator scenarios do not count.
   */
  hasUnpublishedChanges: z.boolean(),
});
export type JourneySummary = z.infer<typeof JourneySummary>;

export const JourneyVersionInfo = z.object({
  version: z.number().int(),
  publishedAt: z.string(),
});
export type JourneyVersionInfo = z.infer<typeof JourneyVersionInfo>;

const JourneyId = z.string().min(1, 'journey id is required');
const VersionNumber = z.number().int().min(1);

/**
 * The journey handlers. Drafts are saved freely (they may still have problems); a published
 * version is an immutable snapshot of a draft without errors.
 */
export const journeyApi = defineHandlers({
  'journey.list': {
    request: z.object({}).strict().default({}),
    response: z.object({ journeys: z.array(JourneySummary) }),
  },
  /** The draft (finished or not, see JourneyDraft), or a published version when `version` is given. */
  'journey.get': {
    request: z.object({ id: JourneyId, version: VersionNumber.optional() }).strict(),
    response: z.object({ summary: JourneySummary, journey: JourneyDraft, version: z.number().int().nullable() }),
  },
  /**
   * Creates or replaces the draft with this journey's id, finished or not (a step may still need
   * its event): every window sees the same draft. Returns the validator's problems; only
   * publishing needs a draft without errors.
   */
  'journey.save': {
    request: z.object({ journey: JourneyDraft }).strict(),
    response: z.object({ summary: JourneySummary, problems: z.array(Problem) }),
  },
  /**
   * Deletes a journey and its versions. The people in it leave it (their runs end with reason
   * `journey_deleted`); `endedRuns` says how many.
   */
  'journey.delete': {
    request: z.object({ id: JourneyId }).strict(),
    response: z.object({ deleted: z.boolean(), endedRuns: z.number().int() }),
  },
  /**
   * Imports a journey file's text. A file with errors is refused with its problems and nothing is saved;
   * an existing journey with the same id is only replaced when `replace` is true.
   */
  'journey.import': {
    request: z.object({ text: z.string(), replace: z.boolean().default(false) }).strict(),
    response: z.discriminatedUnion('imported', [
      z.object({ imported: z.literal(true), summary: JourneySummary, problems: z.array(Problem) }),
      z.object({ imported: z.literal(false), problems: z.array(Problem) }),
    ]),
  },
  /** The canonical file text: export → import → export is byte-identical. */
  'journey.export': {
    request: z.object({ id: JourneyId, version: VersionNumber.optional() }).strict(),
    response: z.object({ fileName: z.string(), text: z.string() }),
  },
  /** Validates anything (a half-edited draft, a pasted file) without saving it. */
  'journey.validate': {
    request: z.object({ journey: z.unknown() }).strict(),
    response: z.object({ valid: z.boolean(), problems: z.array(Problem) }),
  },
  /** Snapshots the draft as the next version; refused with the problems when the draft has errors. */
  'journey.publish': {
    request: z.object({ id: JourneyId }).strict(),
    response: z.discriminatedUnion('published', [
      z.object({
        published: z.literal(true),
        version: JourneyVersionInfo,
        summary: JourneySummary,
        problems: z.array(Problem),
      }),
      z.object({ published: z.literal(false), problems: z.array(Problem) }),
    ]),
  },
  'journey.versions': {
    request: z.object({ id: JourneyId }).strict(),
    response: z.object({ versions: z.array(JourneyVersionInfo) }),
  },
  /**
   * A new draft named `name`, empty or a copy of the example journey `template` (see
   * journey.templates); its id is made from the name and never clashes.
   */
  'journey.create': {
    request: z
      .object({ name: z.string().trim().min(1, 'a name is required'), template: z.string().min(1).optional() })
      .strict(),
    response: z.object({ summary: JourneySummary, journey: JourneyDraft }),
  },
  /** The example journeys a new journey can start from. */
  'journey.templates': {
    request: z.object({}).strict().default({}),
    response: z.object({
      templates: z.array(
        z.object({ id: z.string(), name: z.string(), description: z.string(), steps: z.number().int() }),
      ),
    }),
  },
  /** Changes a journey's display name (its id stays). */
  'journey.rename': {
    request: z.object({ id: JourneyId, name: z.string().trim().min(1, 'a name is required') }).strict(),
    response: z.object({ summary: JourneySummary }),
  },
  /** Copies a journey's draft into a new draft (versions are not copied). */
  'journey.duplicate': {
    request: z.object({ id: JourneyId, name: z.string().trim().min(1).optional() }).strict(),
    response: z.object({ summary: JourneySummary, journey: JourneyDraft }),
  },
});
