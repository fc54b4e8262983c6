import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine/engine';
import { waitThenSend } from './contract/journeys';
import { engineFixture, identify, MIN, T0, track } from './harness';

let fixture: ReturnType<typeof engineFixture>;
afterEach(() => fixture?.close());

const sent = () =>
  fixture.store.outbox
    .list({ limit: 100 })
    .map((r) => `${r.kind} ${r.nodeId} +${(r.at - T0) / MIN}m`)
    .reverse();

// Pausing runs on both stores in engine-contract.test.ts; this is two processes on one data folder.
describe('pausing a journey', () => {
  it('follows a publish and a pause made by another process on the same data folder', () => {
    fixture = engineFixture([]);
    const other = createEngine({ store: fixture.store, clock: fixture.clock });
    // The other process publishes: this engine (never told) lets u enter at its next write.
    fixture.store.journeys.saveDraft({ id: 'w', name: waitThenSend.name, json: JSON.stringify(waitThenSend) });
    fixture.store.journeys.publish('w');
    other.journeysChanged();
    fixture.engine.ingest([identify('u'), track('u', 'start', 0)]);
    expect(fixture.store.runs.forUser('u')[0]).toMatchObject({ journeyId: 'w', nodeId: 'wait_x' });
    // The other process pauses: this engine holds the send x would cause.
    fixture.store.journeys.setStatus('w', 'paused');
    other.journeysChanged();
    fixture.clock.set(T0 + 10 * MIN);
    fixture.engine.ingest([track('u', 'x', 10 * MIN)]);
    expect(sent()).toEqual([]);
    expect(fixture.store.runs.forUser('u')[0]).toMatchObject({ status: 'active', nodeId: 'hook' });
  });
});
