import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpHost } from '../../electron/api/http/host';
import { type AppCore, createAppCore } from '../../electron/app/core';
import { startHeadlessHost } from '../../electron/app/headless';
import { ManualClock } from '../../electron/engine/clock';
import type { JourneyInput } from '../../shared/journey/schema';

const root = join(import.meta.dirname, '../..');
const T0 = Date.parse('2026-03-02T09:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;

let dir: string;
let sink: SMTPServer;
let core: AppCore;
let host: HttpHost;
const clock = new ManualClock(T0);
const inbox: ParsedMail[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dripagent-e2e-engine-'));
  sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        inbox.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const port = (sink.server.address() as { port: number }).port;
  core = createAppCore({
    dataDir: dir,
    resourcesDir: join(root, 'resources'),
    host: 'server',
    clock,
    startScheduler: false,
    env: { DRIPAGENT_SMTP_URL: `smtp://127.0.0.1:${port}` },
  });
  await core.mail.ready;
  host = await startHeadlessHost({ core, rendererDir: join(dir, 'none'), port: 0 });
  for (const id of ['integration-setup', 'setup-troubleshooting']) core.store.journeys.publish(id);
  core.runtime.engine.journeysChanged();
});

afterAll(async () => {
  await host.close();
  await core.close();
  await new Promise<void>((resolve) => sink.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

const post = (batch: Record<string, unknown>[]) =>
  fetch(`${host.url}/v1/batch`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`${core.runtime.writeKey().key}:`).toString('base64')}`,
    },
    body: JSON.stringify({ batch }),
  });

const at = (offset: number) => new Date(T0 + offset).toISOString();
const identify = (userId: string, traits: Record<string, unknown> = {}) => ({
  type: 'identify',
  userId,
  timestamp: at(0),
  traits: { email: `${userId}@example.com`, createdAt: at(0), ...traits },
});
const track = (
  userId: string,
  event: string,
  offset: number,
  properties: Record<string, unknown> = {},
  messageId?: string,
) => ({ type: 'track', userId, event, timestamp: at(offset), properties, ...(messageId ? { messageId } : {}) });

/** Moves the virtual clock, fires due wake-ups like the scheduler would, and lets the sender deliver. */
async function advanceTo(offset: number) {
  clock.set(T0 + offset);
  while (core.runtime.engine.fireDue() > 0) {}
  core.mail.sender.poke();
  await settle();
}

async function settle() {
  for (let i = 0; i < 200; i++) {
    const { pending } = core.store.outbox.counts();
    if (pending === 0) return;
    core.mail.sender.poke();
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A header's raw value (mailparser turns List-Unsubscribe into an object). */
const rawHeader = (mail: ParsedMail | undefined, name: string) =>
  mail?.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '') ?? '';

const mailsTo = (userId: string) => inbox.filter((m) => m.to && JSON.stringify(m.to).includes(`${userId}@example.com`));

describe('the seed journey end to end: HTTP events in, SMTP mail out, on a virtual clock', () => {
  it('sends the confirmation at once and the API key reminder 2 hours later, with stable ids and unsubscribe headers', async () => {
    expect(
      (
        await post([
          identify('ann', { workspace_name: 'Acme' }),
          track('ann', 'integration_started', 0, { integration_type: 'custom_api' }, 'ann-1'),
        ])
      ).status,
    ).toBe(200);
    await settle();
    expect(mailsTo('ann').map((m) => m.subject)).toEqual(['Finish connecting your data source in 5 minutes']);
    await advanceTo(HOUR);
    expect(mailsTo('ann')).toHaveLength(1);
    await advanceTo(2 * HOUR);
    const [confirm, help] = mailsTo('ann');
    expect(help?.subject).toBe('Create your API key to keep the custom API setup moving');
    expect(help?.messageId).toMatch(/^<[0-9a-f]{32}@example\.com>$/);
    expect(help?.messageId).not.toBe(confirm?.messageId);
    expect(rawHeader(help, 'list-unsubscribe')).toContain(`${host.url}/u/`);
    expect(rawHeader(help, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(help?.text).toContain('Your custom API setup for Acme is waiting for an API key.');
  });

  it('applies a repeated messageId once', async () => {
    await post([identify('bo', { createdAt: at(2 * HOUR) }), track('bo', 'integration_started', 2 * HOUR, {}, 'bo-1')]);
    await post([track('bo', 'integration_started', 2 * HOUR, {}, 'bo-1')]);
    await settle();
    expect(mailsTo('bo')).toHaveLength(1);
  });

  it('stops reminders when sync_completed arrives mid-wait', async () => {
    await post([identify('cy', { createdAt: at(2 * HOUR) }), track('cy', 'integration_started', 2 * HOUR, {}, 'cy-1')]);
    await advanceTo(2 * HOUR + 30 * MIN);
    await post([track('cy', 'sync_completed', 2 * HOUR + 30 * MIN)]);
    await advanceTo(6 * HOUR);
    expect(mailsTo('cy').map((m) => m.subject)).toEqual(['Finish connecting your data source in 5 minutes']);
  });

  it('skips a reminder as stale when the clock jumps past the max lateness (laptop asleep)', async () => {
    await post([identify('di', { createdAt: at(6 * HOUR) }), track('di', 'integration_started', 6 * HOUR, {}, 'di-1')]);
    await settle();
    await advanceTo(16 * HOUR);
    expect(mailsTo('di')).toHaveLength(1);
    const trace = await (
      await fetch(`${host.url}/api/user.trace`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${core.adminToken().token}` },
        body: JSON.stringify({ userId: 'di' }),
      })
    ).json();
    expect(trace.result.outcomes).toContainEqual(
      expect.objectContaining({ nodeId: 'credential_help', type: 'skip', reason: 'stale' }),
    );
  });

  it('stops mail to a user who unsubscribes with the one-click link', async () => {
    await post([
      identify('ed', { createdAt: at(16 * HOUR) }),
      track('ed', 'integration_started', 16 * HOUR, {}, 'ed-1'),
    ]);
    await settle();
    const link = /<(http[^>]+)>/.exec(rawHeader(mailsTo('ed')[0], 'list-unsubscribe'))?.[1] ?? '';
    const res = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(res.status).toBe(200);
    await advanceTo(19 * HOUR);
    expect(mailsTo('ed')).toHaveLength(1);
    expect(core.store.profiles.get('ed')?.traits.unsubscribed).toBe(true);
  });

  it("defers mail in quiet hours to the user's morning, and caps a user at 3 emails a day", async () => {
    const journey: JourneyInput = {
      formatVersion: 1,
      id: 'digest',
      name: 'Digest',
      nodes: [
        { id: 'go', type: 'trigger', position: { x: 0, y: 0 }, config: { event: 'digest_requested' } },
        ...['one', 'two', 'three', 'four'].map((id, i) => ({
          id,
          type: 'email' as const,
          position: { x: 0, y: 100 * (i + 1) },
          config: { template: 'hi' },
        })),
      ],
      edges: [
        { id: 'a', from: 'go', output: 'next', to: 'one' },
        { id: 'b', from: 'one', output: 'next', to: 'two' },
        { id: 'c', from: 'two', output: 'next', to: 'three' },
        { id: 'd', from: 'three', output: 'next', to: 'four' },
      ],
      exitRules: [],
      settings: { quietHours: { start: '21:00', end: '08:00' } },
      templates: {
        hi: {
          subject: 'Digest',
          html: '<p>Hi <a href="{{ unsubscribe_url }}">unsubscribe</a></p>',
          text: 'Hi {{ unsubscribe_url }}',
        },
      },
    };
    const call = (name: string, args: unknown) =>
      fetch(`${host.url}/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${core.adminToken().token}` },
        body: JSON.stringify(args),
      }).then((r) => r.json());
    expect((await call('journey.save', { journey })).ok).toBe(true);
    expect((await call('journey.publish', { id: 'digest' })).ok).toBe(true);
    // 19:00 UTC is 20:00 in Berlin... at 20:30 UTC (21:30 Berlin) quiet hours have begun.
    await advanceTo(11 * HOUR + 30 * MIN);
    await post([
      identify('fa', { timezone: 'Europe/Berlin' }),
      track('fa', 'digest_requested', 11 * HOUR + 30 * MIN, {}, 'fa-1'),
    ]);
    await settle();
    expect(mailsTo('fa')).toHaveLength(0);
    // 08:00 Berlin on 2026-03-03 is 07:00 UTC, 22 hours after T0.
    await advanceTo(22 * HOUR);
    expect(mailsTo('fa').map((m) => m.subject)).toEqual(['Digest', 'Digest', 'Digest']);
    const trace = await call('user.trace', { userId: 'fa' });
    expect(trace.result.outcomes).toContainEqual(
      expect.objectContaining({ nodeId: 'four', type: 'skip', reason: 'frequency_cap' }),
    );
  });
});
