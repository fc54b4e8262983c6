import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/app/core';
import { ManualClock } from '../../electron/engine/clock';
import { DATABASE_FILE_NAME } from '../../electron/store';
import { migrations } from '../../electron/store/migrations';
import { createApiClient } from '../../shared/api/client';
import { HOUR, MIN, T0 } from '../events';
import { parse, type Sink, sinkCore, startSink, waitUntil } from '../mail/fixtures';

/**
 * A data folder written before the compact write path (migrations 001–007 only; see
 * test/fixtures/data-v7/make-fixture.ts for what it holds) opens with today's code and keeps
 * working: its queued emails go out, its pending wake-ups fire, and the trace and People read its rows.
 */
const root = join(import.meta.dirname, '../..');
let dir: string;
let sink: Sink;
let core: AppCore;
const clock = new ManualClock(T0 + 10 * MIN);
const api = () => createApiClient({ call: (name, args) => core.registry.dispatch(name, args) });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dripagent-old-folder-'));
  copyFileSync(join(root, 'test/fixtures/data-v7', DATABASE_FILE_NAME), join(dir, DATABASE_FILE_NAME));
  sink = await startSink();
  core = sinkCore(dir, clock, sink);
  await core.mail.ready;
});

afterAll(async () => {
  await core.close();
  await sink.close();
  rmSync(dir, { recursive: true, force: true });
});

const subjectsTo = async (address: string) =>
  Promise.all(sink.messages.filter((m) => m.to.includes(address)).map(async (m) => (await parse(m.raw)).subject));

describe('a data folder from before migration 008', () => {
  it('opens and applies only the migrations it lacks', () => {
    const old = new Database(join(root, 'test/fixtures/data-v7', DATABASE_FILE_NAME), { readonly: true });
    const had = new Set((old.prepare('SELECT id FROM migrations').all() as { id: number }[]).map((row) => row.id));
    old.close();
    // 005 (a marketer's first hour) was written in parallel with 006–008, so the fixture lacks it too.
    expect([...had].every((id) => id <= 7)).toBe(true);
    expect(core.store.appliedMigrations).toEqual(migrations.filter((m) => !had.has(m.id)).map((m) => m.id));
    expect(core.store.appliedMigrations).toContain(8);
  });

  it('keeps each run exactly as it was, now stored as entry and step', () => {
    const old = new Database(join(root, 'test/fixtures/data-v7', DATABASE_FILE_NAME), { readonly: true });
    const rows = old.prepare('SELECT user_id, state FROM runs ORDER BY entered_at, run_id').all() as {
      user_id: string;
      state: string;
    }[];
    old.close();
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(core.store.runs.forUser(row.user_id)).toEqual([JSON.parse(row.state)]);
  });

  it('sends the emails it had queued, exactly as they were rendered then', async () => {
    core.mail.sender.poke();
    await core.mail.sender.idle();
    expect(await subjectsTo('bo@example.com')).toEqual(['Finish connecting your data source in 5 minutes']);
    expect(await subjectsTo('cy@example.com')).toEqual(['Finish connecting your data source in 5 minutes']);
    expect(await subjectsTo('eve@example.com')).toHaveLength(1);
    expect(await subjectsTo('ann@example.com')).toEqual([]);
    const bo = await parse(sink.messages.find((m) => m.to.includes('bo@example.com'))?.raw ?? '');
    expect(bo.text).toContain('Bo & Co');
    expect(core.store.outbox.counts()).toEqual({ pending: 0, sent: 4, failed: 0 });
  });

  it('fires the wake-ups it had pending: the API key reminder goes out and the skip is recorded', async () => {
    clock.set(T0 + 2 * HOUR);
    while (core.runtime.engine.fireDue() > 0) {}
    core.mail.sender.poke();
    await core.mail.sender.idle();
    await waitUntil(() => sink.messages.some((m) => m.to.includes('ann@example.com')));
    expect(await subjectsTo('ann@example.com')).toEqual(['Create your API key to keep the custom_api setup moving']);
    const di = (await api().call('user.trace', { userId: 'di' })).outcomes;
    expect(di.filter((o) => o.type === 'skip').map((o) => [o.nodeId, o.reason])).toEqual([
      ['confirm', 'no_email_address'],
      ['credential_help', 'no_email_address'],
    ]);
  });

  it('reads old and new rows into one trace: decisions in words, messages with their subjects, runs', async () => {
    const trace = await api().call('user.trace', { userId: 'ann' });
    const words = trace.decisions.map((d) => d.message);
    expect(words[0]).toMatch(/^Entered on Integration started: Integration started within 1 hour of createdAt/);
    expect(words).toContain('Sent email "Finish connecting your data source in 5 minutes".');
    expect(words).toContain('Sent email "Create your API key to keep the custom_api setup moving".');
    expect(trace.messages.map((m) => [m.nodeId, m.subject, m.status])).toEqual([
      ['confirm', 'Finish connecting your data source in 5 minutes', 'sent'],
      ['credential_help', 'Create your API key to keep the custom_api setup moving', 'sent'],
    ]);
    expect(trace.runs).toEqual([
      expect.objectContaining({ journeyId: 'integration-setup', status: 'active', nodeId: 'wait_api_key_after_help' }),
    ]);
  });

  it('lists its people and where they are in each journey', async () => {
    const people = await api().call('users.search', { query: '', limit: 50 });
    expect(people.users.map((u) => u.userId).sort()).toEqual(['ann', 'bo', 'cy', 'di', 'eve']);
    const overview = await api().call('runs.overview', { journeyId: 'integration-setup' });
    expect(overview).toMatchObject({ active: 3, done: 1 });
    expect(overview.nodes).toEqual(
      expect.arrayContaining([
        { nodeId: 'wait_api_key_after_help', active: 2 },
        { nodeId: 'wait_domain', active: 1 },
      ]),
    );
    const waiting = await api().call('runs.usersAt', { journeyId: 'integration-setup', nodeId: 'wait_domain' });
    expect(waiting.users.map((u) => [u.userId, u.since])).toEqual([['bo', T0 + 5 * MIN]]);
    const items = await api().call('outbox.list', { userId: 'bo', limit: 10 });
    expect(items.items.map((i) => [i.nodeId, i.to, i.subject, i.status])).toEqual([
      ['confirm', 'bo@example.com', 'Finish connecting your data source in 5 minutes', 'sent'],
    ]);
  });
});
