import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../../../shared/api';
import { Journey } from '../../../shared/journey/schema';
import { runScenario } from '../model/scenario-run';
import { createAppStore } from './store';

const seed = Journey.parse(
  JSON.parse(readFileSync(join(import.meta.dirname, '../../../resources/journeys/integration-setup.json'), 'utf8')),
);
const stalls = seed.scenarios.find((s) => s.id === 'stalls-before-api-key');
if (!stalls) throw new Error('the seed lost its "stalls before the API key" scenario');

/** An engine holding the seed; saves are accepted. */
function fakeApi(): ApiClient {
  const summary = {
    id: seed.id,
    name: seed.name,
    status: 'draft',
    updatedAt: '2026-01-01T00:00:00Z',
    latestVersion: null,
    hasUnpublishedChanges: true,
  };
  return {
    async call(name: string) {
      if (name === 'journey.list') return { journeys: [summary] };
      return { summary, journey: seed, version: null };
    },
    async callResult() {
      return { ok: true, result: { summary } };
    },
    on: () => () => {},
  } as unknown as ApiClient;
}

async function openSeed() {
  vi.useFakeTimers();
  const store = createAppStore(fakeApi());
  store.getState().selectJourney(seed.id);
  await vi.waitFor(() => expect(store.getState().editor?.journeyId).toBe(seed.id));
  return store;
}

/** What the runner does after each change: run the scenario on the draft. */
function rerun(store: Awaited<ReturnType<typeof openSeed>>) {
  const { editor, simulation } = store.getState();
  if (!editor || !simulation) throw new Error('nothing to run');
  store.getState().setSimulationResult(runScenario(editor.journey, simulation.scenario));
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the simulator slice', () => {
  it('shows the whole path after the first run, and lights it up to the scrubber', async () => {
    const store = await openSeed();
    store.getState().openScenario(stalls, stalls.id);
    rerun(store);
    expect(store.getState().simulation?.cursor).toBe(10);
    expect(store.getState().simulation?.highlight?.current).toBe('abandoned_exit');

    store.getState().setCursor(6, { follow: true });
    expect(store.getState().simulation?.highlight?.current).toBe('credential_help');
    expect(store.getState().focusRequest?.nodeId).toBe('credential_help');
  });

  it('keeps the scrubber at the end when an edit changes the path', async () => {
    const store = await openSeed();
    store.getState().openScenario(stalls, stalls.id);
    rerun(store);
    store.getState().editScenario({ timeline: `${stalls.timeline}\n+30m sync_completed` });
    rerun(store);
    expect(store.getState().simulation?.cursor).toBe(4);
    expect(store.getState().simulation?.highlight?.current).toBe('wait_api_key');
  });

  it('saves a scenario into the journey as one undoable edit, and deletes it', async () => {
    const store = await openSeed();
    store.getState().openScenario(stalls, stalls.id);
    store.getState().editScenario({ name: 'Syncs after 30 minutes', timeline: '+5m integration_started' });
    store.getState().saveScenario({ asNew: true });
    const scenarios = () => store.getState().editor?.journey.scenarios ?? [];
    expect(scenarios().map((s) => s.id)).toContain('syncs-after-30-minutes');
    expect(scenarios().find((s) => s.id === stalls.id)).toEqual(stalls);
    expect(store.getState().simulation?.savedId).toBe('syncs-after-30-minutes');

    store.getState().undo();
    expect(scenarios().map((s) => s.id)).not.toContain('syncs-after-30-minutes');
    store.getState().redo();
    store.getState().deleteScenario('syncs-after-30-minutes');
    expect(scenarios()).toHaveLength(seed.scenarios.length);
    expect(store.getState().simulation?.savedId).toBeNull();
  });

  it('saves over the scenario it came from, keeping its id when renamed', async () => {
    const store = await openSeed();
    store.getState().openScenario(stalls, stalls.id);
    store.getState().editScenario({ name: 'Never creates a key' });
    store.getState().saveScenario();
    expect(store.getState().editor?.journey.scenarios.find((s) => s.id === stalls.id)?.name).toBe(
      'Never creates a key',
    );
  });

  it('plays from the start when played at the end, and stops at the end', async () => {
    const store = await openSeed();
    store.getState().openScenario(stalls, stalls.id);
    rerun(store);
    store.getState().setPlaying(true);
    expect(store.getState().simulation?.cursor).toBe(0);
    for (let i = 0; i < 10; i++) store.getState().advancePlayback();
    expect(store.getState().simulation?.cursor).toBe(10);
    expect(store.getState().simulation?.playing).toBe(false);
  });
});
