import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { canonicalJourneyText } from '../../electron/journeys/canonical';
import { sampleJourney } from '../store/fixtures';
import { createHarness, type Harness, refusal } from './harness';

/** A draft whose trigger has no event chosen yet: the shape of a journey, not a finished one. */
function unfinished() {
  const journey = sampleJourney('wip', 'Work in progress');
  journey.nodes[0] = { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, config: { event: '' } };
  return journey;
}

describe('drafts live on the host, finished or not', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness('ipc');
  });
  afterEach(async () => {
    await h.close();
  });

  test('an unfinished draft is saved with its problems, and any window gets it back as it was', async () => {
    const saved = await h.client.call('journey.save', { journey: unfinished() });
    expect(saved.problems).toContainEqual(
      expect.objectContaining({ severity: 'error', nodeId: 'start', field: 'config.event' }),
    );
    const got = await h.client.call('journey.get', { id: 'wip' });
    expect(got.journey.nodes[0]).toMatchObject({ id: 'start', config: { event: '' } });
    expect(got.journey.nodes).toHaveLength(3);
    expect((await h.client.call('journey.list')).journeys.map((j) => j.id)).toContain('wip');
  });

  test('only publishing needs a finished journey', async () => {
    await h.client.call('journey.save', { journey: unfinished() });
    const outcome = await h.client.call('journey.publish', { id: 'wip' });
    expect(outcome.published).toBe(false);
    expect(await refusal(h.client.call('journey.export', { id: 'wip' }))).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/^This draft is not finished, so it is not a journey file yet/),
    });
  });

  test('a finished draft is stored as its journey file, byte for byte', async () => {
    await h.client.call('journey.save', { journey: sampleJourney('done', 'Done') });
    expect(h.core.store.journeys.get('done')?.draft).toBe(canonicalJourneyText(sampleJourney('done', 'Done')));
  });

  test('a renamed or duplicated unfinished draft stays unfinished, not lost', async () => {
    await h.client.call('journey.save', { journey: unfinished() });
    await h.client.call('journey.rename', { id: 'wip', name: 'Still working' });
    const copy = await h.client.call('journey.duplicate', { id: 'wip' });
    expect(copy.journey).toMatchObject({ name: 'Still working (copy)', nodes: [{ config: { event: '' } }, {}, {}] });
  });
});
