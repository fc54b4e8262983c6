import { ApiHandlerError } from '../../shared/api/errors';
import type { JourneySummary } from '../../shared/api/journey';
import { draftText } from '../../shared/journey/draft';
import { idFromName } from '../../shared/journey/ids';
import { parseJsonWithLocation } from '../../shared/journey/parse-json';
import { Journey } from '../../shared/journey/schema';
import type { EventBus } from '../api/events';
import { type HandlerRegistry, registerAll } from '../api/registry';
import type { CatalogRepo } from '../store/catalog-repo';
import { canonicalJourneyText, parseStoredDraft } from './canonical';
import type { JourneyStore } from './journey-store';
import { fileProblem, hasErrors } from './problems';
import type { JourneyValidator } from './validator';

export interface JourneyHandlerDeps {
  journeys: JourneyStore;
  /** The stored events' names and properties, for the editor's pickers; absent where not kept. */
  catalog?: CatalogRepo['eventCatalog'];
  events: EventBus;
  /** Validation runs off the main thread: a large journey never holds up other requests. */
  validator: JourneyValidator;
  /** Ends the runs of a journey being deleted (the live engine); returns how many. */
  endRuns(journeyId: string): number | Promise<number>;
  /** The example journeys (resources/journeys), to start a new journey from. */
  templates(): Journey[];
}

/** The journey.* handlers: drafts, versions, files. */
export function registerJourneyHandlers(
  registry: HandlerRegistry,
  { journeys: repo, catalog, events, validator, endRuns, templates }: JourneyHandlerDeps,
): void {
  const validateJourney = (input: unknown) => validator.validate(input);

  const requireDraft = async (id: string) => {
    const found = await repo.get(id);
    if (!found) throw new ApiHandlerError('not_found', `There is no journey "${id}"`);
    return found;
  };

  const loadJourney = async (id: string, version: number | undefined) => {
    const { summary, draft } = await requireDraft(id);
    if (version === undefined) return { summary, text: draft, version: null };
    const published = await repo.getVersion(id, version);
    if (!published) throw new ApiHandlerError('not_found', `Journey "${id}" has no published version ${version}`);
    return { summary, text: published.json, version };
  };

  /** A journey id made from a name ("Trial ending" → trial-ending), numbered when taken. */
  const freeJourneyId = async (name: string): Promise<string> => {
    const taken = new Set((await repo.list()).map((journey) => journey.id));
    return idFromName(name, 'journey', (id) => taken.has(id));
  };

  /**
   * Only the draft changed: windows update their row, the live engine has nothing to reload.
   * Finished or not: a finished draft's text is its canonical journey file.
   */
  const saveDraft = async (journey: Journey): Promise<JourneySummary> => {
    const summary = await repo.saveDraft({ id: journey.id, name: journey.name, json: draftText(journey) });
    events.emit('journeys.changed', { id: journey.id, scope: 'draft', summary });
    return summary;
  };

  registerAll(registry, {
    'journey.list': async () => ({ journeys: await repo.list() }),

    'journey.get': async ({ id, version }) => {
      const loaded = await loadJourney(id, version);
      return { summary: loaded.summary, journey: parseStoredDraft(loaded.text), version: loaded.version };
    },

    'journey.save': async ({ journey }) => {
      const { problems } = await validateJourney(journey);
      return { summary: await saveDraft(journey), problems };
    },

    'journey.delete': async ({ id }) => {
      const found = await repo.get(id);
      const published = found?.summary.latestVersion != null;
      // Its people leave it first: a journey later made with this id must not pick them up.
      const endedRuns = found ? await endRuns(id) : 0;
      const deleted = await repo.delete(id);
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
      if (!replace && (await repo.get(journey.id))) {
        const message = `A journey with the id "${journey.id}" already exists; import it again with replace to overwrite its draft.`;
        return { imported: false, problems: [fileProblem(message, 'id')] };
      }
      return { imported: true, summary: await saveDraft(journey), problems };
    },

    'journey.export': async ({ id, version }) => {
      const loaded = await loadJourney(id, version);
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
      const { draft } = await requireDraft(id);
      const { problems } = await validateJourney(JSON.parse(draft));
      if (hasErrors(problems)) return { published: false, problems };
      const version = await repo.publish(id);
      if (!version) throw new ApiHandlerError('not_found', `There is no journey "${id}"`);
      const { summary } = await requireDraft(id);
      events.emit('journeys.changed', { id, scope: 'live', summary });
      return { published: true, version, summary, problems };
    },

    'journey.versions': async ({ id }) => {
      await requireDraft(id);
      return { versions: await repo.versions(id) };
    },

    'journey.create': async ({ name, template }) => {
      const id = await freeJourneyId(name);
      let journey: Journey;
      if (template === undefined) {
        journey = Journey.parse({ formatVersion: 1, id, name, nodes: [], edges: [] });
      } else {
        const example = templates().find((candidate) => candidate.id === template);
        if (!example) throw new ApiHandlerError('not_found', `There is no example journey "${template}"`);
        journey = { ...example, id, name };
      }
      return { summary: await saveDraft(journey), journey };
    },

    'journey.templates': () => ({
      templates: templates().map((journey) => ({
        id: journey.id,
        name: journey.name,
        description: journey.description,
        steps: journey.nodes.length,
      })),
    }),

    'journey.rename': async ({ id, name }) => {
      const journey = parseStoredDraft((await requireDraft(id)).draft);
      return { summary: await saveDraft({ ...journey, name }) };
    },

    'journey.duplicate': async ({ id, name }) => {
      const original = parseStoredDraft((await requireDraft(id)).draft);
      const copyName = name ?? `${original.name} (copy)`;
      const journey = { ...original, id: await freeJourneyId(copyName), name: copyName };
      return { summary: await saveDraft(journey), journey };
    },

    'events.catalog': () => {
      if (!catalog) throw new ApiHandlerError('conflict', 'This host keeps no event catalog.');
      return catalog();
    },
  });
}
