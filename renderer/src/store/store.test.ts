import { describe, expect, it } from 'vitest';
import { ApiCallError, type ApiClient, type JourneySummary } from '../../../shared/api';
import type { Journey } from '../../../shared/journey/schema';
import { createAppStore } from './store';
// Autosave and the first layout of a journey without positions import these lazily; loading them
// up front keeps a save or layout that outlives a test from importing after the environment is gone.
import '../model/layoutJourney';
import './saveCheck';

function summary(id: string): JourneySummary {
  return {
    id,
    name: id,
    status: 'draft',
    updatedAt: '2025-01-01T00:00:00Z',
    latestVersion: null,
    hasUnpublishedChanges: true,
  };
}

function journey(id: string, nodeCount: number): Journey {
  return {
    formatVersion: 1,
    id,
    name: id,
    description: '',
    nodes: Array.from({ length: nodeCount }, (_, i) => ({
      id: `n${i}`,
      type: 'exit' as const,
      position: { x: 0, y: 0 },
      config: {},
    })),
    edges: [],
    exitRules: [],
    variables: [],
    settings: { reentry: { mode: 'once' }, timezone: 'UTC', maxLateness: '6h' },
    templates: {},
    scenarios: [],
  };
}

/** A fake engine holding journeys by id; `on` hands the test a way to push events. */
function fakeApi(journeys: Record<string, Journey>, options: { failList?: boolean } = {}) {
  const listeners: ((payload: { ids: string[] }) => void)[] = [];
  const calls: string[] = [];
  const api = {
    async call(name: string, args?: { id?: string }) {
      calls.push(args?.id ? `${name} ${args.id}` : name);
      if (name === 'journey.list') {
        if (options.failList) throw new ApiCallError({ code: 'handler_error', message: 'disk is full' });
        return { journeys: Object.keys(journeys).map(summary) };
      }
      const found = args?.id ? journeys[args.id] : undefined;
      if (!found) throw new ApiCallError({ code: 'not_found', message: `No journey "${args?.id}"` });
      return { summary: summary(found.id), journey: found, version: null };
    },
    /** Autosave after a reload: the fake keeps what it is given. */
    async callResult(name: string, args?: { journey?: Journey }) {
      calls.push(name);
      if (name === 'journey.save' && args?.journey) {
        journeys[args.journey.id] = args.journey;
        return { ok: true, result: { summary: summary(args.journey.id), problems: [] } };
      }
      return { ok: false, error: { code: 'unknown_handler', message: name } };
    },
    on(_event: string, listener: (payload: { ids: string[] }) => void) {
      listeners.push(listener);
      return () => listeners.splice(listeners.indexOf(listener), 1);
    },
  } as unknown as ApiClient;
  return {
    api,
    calls,
    push: (ids: string[]) => {
      for (const listener of listeners) listener({ ids });
    },
  };
}

describe('journeys slice', () => {
  it('loads the list, selects the first journey and fetches every journey in it', async () => {
    const { api } = fakeApi({ a: journey('a', 3), b: journey('b', 5) });
    const store = createAppStore(api);
    await store.getState().loadJourneyList();
    const state = store.getState();
    expect(state.journeyListLoad).toEqual({ status: 'ready' });
    expect(state.journeyList.map((item) => item.id)).toEqual(['a', 'b']);
    expect(state.selectedJourneyId).toBe('a');
    expect(state.journeys.b?.journey.nodes).toHaveLength(5);
  });

  it('keeps the error when the list cannot be loaded', async () => {
    const store = createAppStore(fakeApi({}, { failList: true }).api);
    await store.getState().loadJourneyList();
    expect(store.getState().journeyListLoad).toEqual({ status: 'error', error: 'disk is full' });
  });

  it('records a journey that cannot be opened', async () => {
    const store = createAppStore(fakeApi({}).api);
    await store.getState().loadJourney('gone');
    expect(store.getState().journeyLoads.gone).toEqual({ status: 'error', error: 'No journey "gone"' });
  });

  it('refetches the list and the changed journeys when the engine says they changed', async () => {
    const journeys = { a: journey('a', 1) };
    const { api, calls, push } = fakeApi(journeys);
    const store = createAppStore(api);
    await store.getState().loadJourneyList();
    const stop = store.getState().watchJourneyChanges();
    journeys.a = journey('a', 4);
    calls.length = 0;
    push(['a']);
    await expect.poll(() => store.getState().journeys.a?.journey.nodes.length).toBe(4);
    expect(calls).toContain('journey.list');
    stop();
  });

  it('selects another journey when the selected one disappears', async () => {
    const journeys: Record<string, Journey> = { a: journey('a', 1), b: journey('b', 1) };
    const store = createAppStore(fakeApi(journeys).api);
    await store.getState().loadJourneyList();
    delete journeys.a;
    await store.getState().loadJourneyList();
    expect(store.getState().selectedJourneyId).toBe('b');
  });
});

describe('autosave', () => {
  it('saves an edit made just before another journey is opened', async () => {
    const journeys: Record<string, Journey> = { a: journey('a', 1), b: journey('b', 1) };
    const store = createAppStore(fakeApi(journeys).api);
    await store.getState().loadJourneyList();
    await expect.poll(() => store.getState().journeys.b).toBeDefined();
    store.getState().edit({ type: 'update_journey', changes: { name: 'Renamed' } });
    store.getState().selectJourney('b');
    expect(store.getState().editor?.journeyId).toBe('b');
    await expect.poll(() => journeys.a?.name).toBe('Renamed');
    await store.getState().saveSettled();
    expect(store.getState().save).toEqual({ status: 'saved' });
  });

  it('keeps the engine’s answer as the journey’s row and document, and the draft as saved', async () => {
    const journeys: Record<string, Journey> = { a: journey('a', 1) };
    const store = createAppStore(fakeApi(journeys).api);
    await store.getState().loadJourneyList();
    store.getState().edit({ type: 'update_journey', changes: { name: 'Renamed' } });
    await store.getState().flushSave();
    const state = store.getState();
    expect(state.save.status).toBe('saved');
    expect(state.journeys.a?.journey.name).toBe('Renamed');
    expect(state.editor?.savedJson).toBe(JSON.stringify(state.journeys.a?.journey));
  });
});

describe('selection', () => {
  it('selecting a card shows its step and, when asked, brings it into view', async () => {
    const store = createAppStore(fakeApi({ a: journey('a', 2) }).api);
    await store.getState().loadJourneyList();
    store.getState().setPanel('versions');
    store.getState().selectNode('n1', { focus: true });
    const state = store.getState();
    expect(state.selection).toEqual({ nodes: ['n1'], edges: [] });
    expect(state.panel).toBe('step');
    expect(state.focusRequest?.nodeId).toBe('n1');
  });

  it('undo drops the selected cards it removes', async () => {
    const store = createAppStore(fakeApi({ a: journey('a', 1) }).api);
    await store.getState().loadJourneyList();
    store.getState().setSelection({ nodes: ['n0'], edges: [] });
    store.getState().duplicateSelection();
    const copy = store.getState().selection.nodes[0];
    expect(copy).not.toBe('n0');
    store.getState().undo();
    expect(store.getState().selection.nodes).toEqual([]);
  });
});
