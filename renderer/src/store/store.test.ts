import { describe, expect, it } from 'vitest';
import { ApiCallError, type ApiClient, type JourneySummary } from '../../../shared/api';
import type { Journey } from '../../../shared/journey/schema';
import { createAppStore } from './store';
// Autosave and the first layout of a journey without positions import these lazily; loading them
// up front keeps a save or layout that outlives a test from importing after the environment is gone.
import '../model/layoutJourney';
import '../../../shared/journey/draft';

/** Every save gets a later `updatedAt`, as the engine stamps it. */
let clock = 0;
const stamp = () => new Date(Date.UTC(2025, 0, 1) + ++clock * 1000).toISOString();

function summary(id: string, updatedAt = '2025-01-01T00:00:00.000Z', name = id): JourneySummary {
  return { id, name, status: 'draft', updatedAt, latestVersion: null, hasUnpublishedChanges: true };
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

/**
 * A fake engine holding journeys by id. Like the real one, a save pushes `journeys.changed` while
 * it is handled, so the saving window hears it before (or after) its own answer.
 */
function fakeApi(journeys: Record<string, Journey>, options: { failList?: boolean } = {}) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const calls: string[] = [];
  const rows = new Map<string, JourneySummary>();
  const rowOf = (id: string) => rows.get(id) ?? summary(id, undefined, journeys[id]?.name);
  const push = (event: string, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  const api = {
    async call(name: string, args?: { id?: string }) {
      calls.push(args?.id ? `${name} ${args.id}` : name);
      if (name === 'journey.list') {
        if (options.failList) throw new ApiCallError({ code: 'handler_error', message: 'disk is full' });
        return { journeys: Object.keys(journeys).sort().map(rowOf) };
      }
      const found = args?.id ? journeys[args.id] : undefined;
      if (!found) throw new ApiCallError({ code: 'not_found', message: `No journey "${args?.id}"` });
      return { summary: rowOf(found.id), journey: found, version: null };
    },
    async callResult(name: string, args?: { journey?: Journey }) {
      calls.push(name);
      if (name === 'journey.save' && args?.journey) {
        const saved = args.journey;
        journeys[saved.id] = saved;
        const row = summary(saved.id, stamp(), saved.name);
        rows.set(saved.id, row);
        push('journeys.changed', { id: saved.id, scope: 'draft', summary: row });
        return { ok: true, result: { summary: row, problems: [] } };
      }
      return { ok: false, error: { code: 'unknown_handler', message: name } };
    },
    on(event: string, listener: (payload: unknown) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  } as unknown as ApiClient;
  return {
    api,
    calls,
    push,
    /** Another window or process saves a journey: stored, then pushed. */
    savedElsewhere(saved: Journey) {
      journeys[saved.id] = saved;
      const row = summary(saved.id, stamp(), saved.name);
      rows.set(saved.id, row);
      push('journeys.changed', { id: saved.id, scope: 'draft', summary: row });
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

  it('fetches only the journey saved elsewhere, not the list, when the engine pushes the change', async () => {
    const journeys = { a: journey('a', 1), b: journey('b', 1) };
    const { api, calls, savedElsewhere } = fakeApi(journeys);
    const store = createAppStore(api);
    await store.getState().loadJourneyList();
    const stop = store.getState().watchJourneyChanges();
    calls.length = 0;
    savedElsewhere({ ...journey('b', 4), name: 'bigger' });
    await expect.poll(() => store.getState().journeys.b?.journey.nodes.length).toBe(4);
    expect(calls).toEqual(['journey.get b']);
    expect(store.getState().journeyList.map((row) => row.name)).toEqual(['a', 'bigger']);
    stop();
  });

  it('the window that saved fetches nothing back when its own save is pushed', async () => {
    const { api, calls } = fakeApi({ a: journey('a', 1) });
    const store = createAppStore(api);
    await store.getState().loadJourneyList();
    const stop = store.getState().watchJourneyChanges();
    calls.length = 0;
    store.getState().edit({ type: 'update_journey', changes: { name: 'Renamed' } });
    await store.getState().flushSave();
    await store.getState().saveSettled();
    // Let the push's handler run to its end (it only waits on promises, never on time).
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).toEqual(['journey.save']);
    expect(store.getState().journeyList.map((row) => row.name)).toEqual(['Renamed']);
    stop();
  });

  it('adds a journey created elsewhere in name order, and drops one deleted elsewhere', async () => {
    const journeys: Record<string, Journey> = { a: journey('a', 1), c: journey('c', 1) };
    const { api, push, savedElsewhere } = fakeApi(journeys);
    const store = createAppStore(api);
    await store.getState().loadJourneyList();
    const stop = store.getState().watchJourneyChanges();
    savedElsewhere(journey('b', 2));
    await expect.poll(() => store.getState().journeys.b?.journey.nodes.length).toBe(2);
    expect(store.getState().journeyList.map((row) => row.id)).toEqual(['a', 'b', 'c']);
    delete journeys.a;
    push('journeys.changed', { id: 'a', scope: 'draft', summary: null });
    await expect.poll(() => store.getState().selectedJourneyId).toBe('b');
    expect(store.getState().journeyList.map((row) => row.id)).toEqual(['b', 'c']);
    expect(store.getState().journeys.a).toBeUndefined();
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
