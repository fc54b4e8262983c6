import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createHarness, type Harness } from './harness';

describe('creating, renaming and duplicating journeys', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness('ipc');
  });
  afterEach(async () => {
    await h.close();
  });

  test('journey.create makes an empty draft whose id comes from its name and never clashes', async () => {
    const first = await h.client.call('journey.create', { name: 'Trial ending — soon!' });
    expect(first.journey).toMatchObject({
      id: 'trial-ending-soon',
      name: 'Trial ending — soon!',
      nodes: [],
      edges: [],
    });
    expect(first.summary.status).toBe('draft');
    const second = await h.client.call('journey.create', { name: 'Trial ending, soon' });
    expect(second.journey.id).toBe('trial-ending-soon-2');
  });

  test('journey.create can start from an example journey, copied under the new name', async () => {
    expect((await h.client.call('journey.templates')).templates).toEqual([
      { id: 'welcome', name: 'Welcome', description: '', steps: 3 },
    ]);
    const { journey } = await h.client.call('journey.create', { name: 'Onboarding', template: 'welcome' });
    expect(journey).toMatchObject({ id: 'onboarding', name: 'Onboarding' });
    expect(journey.nodes.map((node) => node.id)).toEqual(['start', 'hello', 'done']);
    const refused = await h.client.callResult('journey.create', { name: 'X', template: 'nope' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  test('journey.rename changes the name and keeps the id and the steps', async () => {
    const { summary } = await h.client.call('journey.rename', { id: 'welcome', name: 'Hello there' });
    expect(summary).toMatchObject({ id: 'welcome', name: 'Hello there' });
    const { journey } = await h.client.call('journey.get', { id: 'welcome' });
    expect(journey.name).toBe('Hello there');
    expect(journey.nodes).toHaveLength(3);
  });

  test('journey.duplicate copies the draft under a new id, without versions', async () => {
    await h.client.call('journey.publish', { id: 'welcome' });
    const copy = await h.client.call('journey.duplicate', { id: 'welcome' });
    expect(copy.journey.id).toBe('welcome-copy');
    expect(copy.journey.name).toBe('Welcome (copy)');
    expect(copy.summary).toMatchObject({ status: 'draft', latestVersion: null });
    const original = await h.client.call('journey.get', { id: 'welcome' });
    expect(copy.journey.nodes).toEqual(original.journey.nodes);
  });

  test("users.lastEvent gives a person's newest event of one name, for a preview with their own trigger", async () => {
    h.core.runtime.engine.ingest([
      {
        type: 'track',
        event: 'integration_started',
        userId: 'bo',
        timestamp: 1_800_000_000_000,
        properties: { integration_type: 'stripe' },
        messageId: 'a',
      },
      {
        type: 'track',
        event: 'integration_started',
        userId: 'bo',
        timestamp: 1_800_000_100_000,
        properties: { integration_type: 'hubspot' },
        messageId: 'b',
      },
    ]);
    expect(await h.client.call('users.lastEvent', { userId: 'bo', event: 'integration_started' })).toEqual({
      event: { timestamp: 1_800_000_100_000, properties: { integration_type: 'hubspot' } },
    });
    expect(await h.client.call('users.lastEvent', { userId: 'bo', event: 'api_key_created' })).toEqual({ event: null });
  });

  test('events.catalog answers with empty lists before any event is stored', async () => {
    expect(await h.client.call('events.catalog')).toEqual({ events: [], traits: [], users: [] });
  });
});
