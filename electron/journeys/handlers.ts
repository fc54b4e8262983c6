import { ApiHandlerError } from '../../shared/api/errors';
import type { JourneySummary } from '../../shared/api/journey';
import { draftText } from '../../shared/journey/draft';
import { idFromName } from '../../shared/journey/ids';
import { parseJsonWithLocation } from '../../shared/journey/parse-json';
import { Journey } from '../../shared/journey/schema';
import type { EventBus } from '../api/events';
import { type HandlerRegistry, registerAll } from '../api/registry';
import type { Store } from '../store';
import { canonicalJourneyText, parseStoredDraft } from './canonical';
import { fileProblem, hasErrors } from './problems';
import type { JourneyValidator } from './validator';

export interface JourneyHandlerDeps {
  store: Store;
  events: EventBus;
  /** Validation runs off the main thread: a large journey never holds up other requests. */
  validator: JourneyValidator;
  /** Ends the runs of a journey being deleted (the live engine); returns how many. */
  endRuns(journeyId: string): number;
  /** The example journeys (resources/journeys), to start a new journey from. */
  templates(): Journey[];
}

/** The journey.* handlers: drafts, versions, files. */
export function registerJourneyHandlers(
  registry: HandlerRegistry,
  { store, events, validator, endRuns, templates }: JourneyHandlerDeps,
): void {
  const repo = store.journeys;
  const validateJourney = (input: unknown) => validator.validate(input);

  const requireDraft = (id: string) => {
    const found = repo.get(id);
    if (!found) throw new ApiHandlerError('not_found', `There is no journey "${id}"`);
    return found;
  };

  const loadJourney = (id: string, version: number | undefined) => {
    const { summary, draft } = requireDraft(id);
    if (version === undefined) return { summary, text: draft, version: null };
    const published = repo.getVersion(id, version);
    if (!published) throw new ApiHandlerError('not_found', `Journey "${id}" has no published version ${version}`);
    return { summary, text: published.json, version };
  };

  /** A journey id made from a name ("Trial ending" → trial-ending), numbered when taken. */
  const freeJourneyId = (name: string): string => idFromName(name, 'journey', (id) => repo.get(id) !== undefined);

  /**
   * Only the draft changed: windows update their row, the live engine has nothing to reload.
   * Finished or not: a finished draft's text is its canonical journey file.
   */
  const saveDraft = (journey: Journey): JourneySummary => {
    const summary = repo.saveDraft({ id: journey.id, name: journey.name, json: draftText(journey) });
    events.emit('journeys.changed', { id: journey.id, scope: 'draft', summary });
    return summary;
  };

  registerAll(registry, {
    'journey.list': () => ({ journeys: repo.list() }),

    'journey.get': ({ id, version }) => {
      const loaded = loadJourney(id, version);
      return { summary: loaded.summary, journey: parseStoredDraft(loaded.text), version: loaded.version };
    },

    'journey.save': async ({ journey }) => {
      const { problems } = await validateJourney(journey);
      return { summary: saveDraft(journey), problems };
    },

    'journey.delete': ({ id }) => {
      const published = repo.get(id)?.summary.latestVersion != null;
      // Its people leave it first: a journey later made with this id must not pick them up.
      const endedRuns = repo.get(id) ? endRuns(id) : 0;
      const deleted = repo.delete(id);
      if (deleted) events.emit('journeys.changed', { id, scope: published ? 'live' : 'draft', summary: null });
      return { deleted, endedRuns };
    },

    'journey.import': async ({ text, replace }) => {
      let parsed: unknown;
      try {
        parsed = parseJsonWithLocation(text);
      } catch (error) {
        return { imported: false, problems: [fileProblem(`The file is not valid JSON: ${(error as Error).message}.`)] };
      }
      const { journey, problems } = await validateJourney(parsed);
      if (!journey || hasErrors(problems)) return { imported: false, problems };
      if (!replace && repo.get(journey.id)) {
        const message = `A journey with the id "${journey.id}" already exists; import it again with replace to overwrite its draft.`;
        return { imported: false, problems: [fileProblem(message, 'id')] };
      }
      return { imported: true, summary: saveDraft(journey), problems };
    },

    'journey.export': async ({ id, version }) => {
      const loaded = loadJourney(id, version);
      const parsed = Journey.safeParse(JSON.parse(loaded.text));
      if (!parsed.success) {
        // A journey file is a finished journey: an unfinished draft says what it still needs.
        const { problems } = await validateJourney(JSON.parse(loaded.text));
        const first = problems.find((p) => p.severity === 'error')?.message ?? parsed.error.issues[0]?.message;
        throw new ApiHandlerError(
          'conflict',
          `This draft is not finished, so it is not a journey file yet (${first}). Finish it, or export a published version.`,
        );
      }
      // Re-canonicalised so a file exported after a schema default changes is still current.
      return { fileName: version ? `${id}.v${version}.json` : `${id}.json`, text: canonicalJourneyText(parsed.data) };
    },

    'journey.validate': async ({ journey }) => {
      const result = await validateJourney(journey);
      return { valid: result.journey !== undefined && !hasErrors(result.problems), problems: result.problems };
    },

    'journey.publish': async ({ id }) => {
      const { draft } = requireDraft(id);
      const { problems } = await validateJourney(JSON.parse(draft));
      if (hasErrors(problems)) return { published: false, problems };
      const version = repo.publish(id);
      if (!version) throw new ApiHandlerError('not_found', `There is no journey "${id}"`);
      const { summary } = requireDraft(id);
      events.emit('journeys.changed', { id, scope: 'live', summary });
      return { published: true, version, summary, problems };
    },

    'journey.versions': ({ id }) => {
      requireDraft(id);
      return { versions: repo.versions(id) };
    },

    'journey.create': ({ name, template }) => {
      const id = freeJourneyId(name);
      let journey: Journey;
      if (template === undefined) {
        journey = Journey.parse({ formatVersion: 1, id, name, nodes: [], edges: [] });
      } else {
        const example = templates().find((candidate) => candidate.id === template);
        if (!example) throw new ApiHandlerError('not_found', `There is no example journey "${template}"`);
        journey = { ...example, id, name };
      }
      return { summary: saveDraft(journey), journey };
    },

    'journey.templates': () => ({
      templates: templates().map((journey) => ({
        id: journey.id,
        name: journey.name,
        description: journey.description,
        steps: journey.nodes.length,
      })),
    }),

    'journey.rename': ({ id, name }) => {
      const journey = parseStoredDraft(requireDraft(id).draft);
      return { summary: saveDraft({ ...journey, name }) };
    },

    'journey.duplicate': ({ id, name }) => {
      const original = parseStoredDraft(requireDraft(id).draft);
      const copyName = name ?? `${original.name} (copy)`;
      const journey = { ...original, id: freeJourneyId(copyName), name: copyName };
      return { summary: saveDraft(journey), journey };
    },

    'events.catalog': () => store.catalog.eventCatalog(),
  });
}
