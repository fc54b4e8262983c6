import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { sampleJourney } from '../store/fixtures';
import { createHarness, type Harness, refusal, type TransportName } from './harness';

const transports: TransportName[] = ['ipc', 'http'];

describe.each(transports)('every handler over %s', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(kind);
  });
  afterEach(async () => {
    await h.close();
  });

  test('app.info names the app, its version, the host and the data folder', async () => {
    const info = await h.client.call('app.info');
    expect(info).toMatchObject({ name: 'DripAgent', host: 'server', dataDir: h.core.dataDir });
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  test('journey.list shows the example journey installed on first run', async () => {
    const { journeys } = await h.client.call('journey.list');
    expect(journeys).toEqual([expect.objectContaining({ id: 'welcome', name: 'Welcome', status: 'draft' })]);
  });

  test('journey.save creates a draft that journey.get returns, with defaults filled in', async () => {
    const saved = await h.client.call('journey.save', { journey: sampleJourney('onboarding', 'Onboarding') });
    expect(saved.summary).toMatchObject({ id: 'onboarding', status: 'draft', latestVersion: null });
    expect(saved.problems).toEqual([]);
    const got = await h.client.call('journey.get', { id: 'onboarding' });
    expect(got.version).toBeNull();
    expect(got.journey.name).toBe('Onboarding');
    expect(got.journey.settings.timezone).toBe('UTC');
  });

  test('journey.save keeps a draft with problems and reports them', async () => {
    const journey = sampleJourney('wip');
    journey.templates = {};
    const saved = await h.client.call('journey.save', { journey });
    expect(saved.problems).toContainEqual(expect.objectContaining({ severity: 'error', nodeId: 'hello' }));
  });

  test('journey.get of a journey that does not exist is refused as not_found', async () => {
    expect(await refusal(h.client.call('journey.get', { id: 'ghost' }))).toMatchObject({ code: 'not_found' });
  });

  test('journey.publish snapshots the draft and journey.get can read that version', async () => {
    const published = await h.client.call('journey.publish', { id: 'welcome' });
    if (!published.published) throw new Error('expected the example to publish');
    expect(published.version.version).toBe(1);
    expect(published.summary).toMatchObject({ status: 'live', latestVersion: 1, hasUnpublishedChanges: false });
    const v1 = await h.client.call('journey.get', { id: 'welcome', version: 1 });
    expect(v1.version).toBe(1);
    expect(await refusal(h.client.call('journey.get', { id: 'welcome', version: 2 }))).toMatchObject({
      code: 'not_found',
    });
  });

  test('journey.publish refuses a draft with errors and returns its problems', async () => {
    const journey = sampleJourney('wip');
    journey.templates = {};
    await h.client.call('journey.save', { journey });
    const outcome = await h.client.call('journey.publish', { id: 'wip' });
    expect(outcome.published).toBe(false);
    expect(outcome.problems.some((p) => p.severity === 'error' && p.nodeId === 'hello')).toBe(true);
    expect((await h.client.call('journey.versions', { id: 'wip' })).versions).toEqual([]);
  });

  test('journey.versions lists published versions in order', async () => {
    await h.client.call('journey.publish', { id: 'welcome' });
    await h.client.call('journey.save', { journey: sampleJourney('welcome', 'Welcome again') });
    await h.client.call('journey.publish', { id: 'welcome' });
    const { versions } = await h.client.call('journey.versions', { id: 'welcome' });
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
  });

  test('journey.delete removes the journey and says whether it existed', async () => {
    expect(await h.client.call('journey.delete', { id: 'welcome' })).toEqual({ deleted: true, endedRuns: 0 });
    expect(await h.client.call('journey.delete', { id: 'welcome' })).toEqual({ deleted: false, endedRuns: 0 });
    expect((await h.client.call('journey.list')).journeys).toEqual([]);
  });

  test('journey.export gives canonical text, and export → import → export is byte-identical', async () => {
    const first = await h.client.call('journey.export', { id: 'welcome' });
    expect(first.fileName).toBe('welcome.json');
    expect(first.text.endsWith('}\n')).toBe(true);
    expect(first.text).toContain('\n  "formatVersion": 1,\n  "id": "welcome",');
    await h.client.call('journey.delete', { id: 'welcome' });
    const imported = await h.client.call('journey.import', { text: first.text });
    expect(imported.imported).toBe(true);
    const second = await h.client.call('journey.export', { id: 'welcome' });
    expect(second.text).toBe(first.text);
  });

  test('journey.import refuses an invalid file with the validator problems and saves nothing', async () => {
    const journey = { ...sampleJourney('broken'), nodes: [{ id: 'x', type: 'teleport', position: { x: 0, y: 0 } }] };
    const outcome = await h.client.call('journey.import', { text: JSON.stringify(journey) });
    expect(outcome.imported).toBe(false);
    expect(outcome.problems.length).toBeGreaterThan(0);
    expect(outcome.problems[0]).toMatchObject({ severity: 'error', nodeId: 'x' });
    expect((await h.client.call('journey.list')).journeys.map((j) => j.id)).toEqual(['welcome']);
  });

  test('journey.import refuses text that is not JSON, naming the line and column', async () => {
    const outcome = await h.client.call('journey.import', { text: '{\n  "formatVersion": 1,\n  nope' });
    expect(outcome).toMatchObject({ imported: false, problems: [{ severity: 'error' }] });
    expect(outcome.problems[0]?.message).toBe('The file is not valid JSON: Unexpected "n" at line 3, column 3.');
  });

  test('journey.import names an unknown step type and where it is', async () => {
    const journey = sampleJourney('odd');
    (journey.nodes[1] as { type: string }).type = 'sms';
    const outcome = await h.client.call('journey.import', { text: JSON.stringify(journey) });
    expect(outcome.problems[0]?.message).toBe(
      "unknown step type 'sms' at nodes[1] (use one of trigger, delay, wait, condition, split, random_split, email, webhook, track, exit)",
    );
  });

  test('journey.import only replaces an existing journey when asked to', async () => {
    const text = JSON.stringify(sampleJourney('welcome', 'Imported'));
    const refused = await h.client.call('journey.import', { text });
    expect(refused).toMatchObject({ imported: false, problems: [{ field: 'id' }] });
    const replaced = await h.client.call('journey.import', { text, replace: true });
    expect(replaced).toMatchObject({ imported: true, summary: { name: 'Imported' } });
  });

  test('journey.validate checks anything without saving it', async () => {
    const good = await h.client.call('journey.validate', { journey: sampleJourney('draft-only') });
    expect(good).toEqual({ valid: true, problems: [] });
    const bad = await h.client.call('journey.validate', { journey: { formatVersion: 1 } });
    expect(bad.valid).toBe(false);
    expect(bad.problems.map((p) => p.field)).toContain('id');
    expect((await h.client.call('journey.list')).journeys).toHaveLength(1);
  });

  test('an invalid payload is refused with the failing fields named', async () => {
    const outcome = await h.transport.call('journey.get', { id: 42, extra: true });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    if (outcome.ok) return;
    expect(outcome.error.issues?.map((i) => i.path)).toEqual(expect.arrayContaining(['id', '']));
    expect(outcome.error.message).toMatch(/journey\.get: id: /);
  });

  test('a journey not even shaped like one is refused by journey.save with the path into the journey', async () => {
    const journey = sampleJourney();
    const outcome = await h.transport.call('journey.save', {
      journey: { ...journey, nodes: [{ ...journey.nodes[0], position: { x: 0 } }] },
    });
    if (outcome.ok) throw new Error('expected a refusal');
    expect(outcome.error.code).toBe('invalid_payload');
    expect(outcome.error.issues).toContainEqual(expect.objectContaining({ path: 'journey.nodes.0.position.y' }));
  });

  test('an unknown handler name gets a structured error, not a crash', async () => {
    const outcome = await h.transport.call('journey.teleport', {});
    expect(outcome).toEqual({
      ok: false,
      error: { code: 'unknown_handler', message: 'There is no handler named "journey.teleport"' },
    });
    // The engine still answers afterwards.
    expect((await h.client.call('app.info')).name).toBe('DripAgent');
  });

  test('a draft save pushes journeys.changed for the draft only, with the row the save answered', async () => {
    const seen: unknown[] = [];
    h.core.events.subscribe((event, payload) => seen.push({ event, payload }));
    const { summary } = await h.client.call('journey.save', { journey: sampleJourney('pushed') });
    expect(seen).toEqual([{ event: 'journeys.changed', payload: { id: 'pushed', scope: 'draft', summary } }]);
  });

  test('publishing, pausing and resuming push a change to what runs', async () => {
    await h.client.call('journey.save', { journey: sampleJourney('pushed') });
    const seen: { event: string; payload: unknown }[] = [];
    h.core.events.subscribe((event, payload) => seen.push({ event, payload }));
    await h.client.call('journey.publish', { id: 'pushed' });
    await h.client.call('journey.pause', { id: 'pushed' });
    await h.client.call('journey.resume', { id: 'pushed' });
    const changes = seen.filter((push) => push.event === 'journeys.changed').map((push) => push.payload);
    expect(changes).toEqual([
      { id: 'pushed', scope: 'live', summary: expect.objectContaining({ status: 'live', latestVersion: 1 }) },
      { id: 'pushed', scope: 'live', summary: expect.objectContaining({ status: 'paused' }) },
      { id: 'pushed', scope: 'live', summary: expect.objectContaining({ status: 'live' }) },
    ]);
  });

  test('deleting pushes the journey gone: a change to what runs only when it was published', async () => {
    await h.client.call('journey.save', { journey: sampleJourney('draft-only') });
    await h.client.call('journey.save', { journey: sampleJourney('published') });
    await h.client.call('journey.publish', { id: 'published' });
    const seen: unknown[] = [];
    h.core.events.subscribe((event, payload) => seen.push({ event, payload }));
    await h.client.call('journey.delete', { id: 'draft-only' });
    await h.client.call('journey.delete', { id: 'published' });
    expect(seen).toEqual([
      { event: 'journeys.changed', payload: { id: 'draft-only', scope: 'draft', summary: null } },
      { event: 'journeys.changed', payload: { id: 'published', scope: 'live', summary: null } },
    ]);
  });
});
