import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/engine/clock';
import { createEngine } from '../../electron/engine/engine';
import { messageIdFor } from '../../electron/mail/outbox/message-id';
import { openStore } from '../../electron/store';
import type { UserEvent } from '../../shared/engine/types';
import { Journey } from '../../shared/journey/schema';
import { startUntil } from '../processes';

const root = join(import.meta.dirname, '../..');
// Thousands of due emails: USERS confirm emails in the outbox and USERS reminders whose wake-ups
// are due or come due during the test, so kills land while the scheduler fires them as well as
// while mail goes out. The sink
// answers each message after 20 ms like a remote server, so a kill also lands at many points of
// the SMTP conversation (not only between messages).
const USERS = 1000;
const KILLS = 8;
const FROM = 'DripAgent Setup <setup@example.com>';
const WRITE_KEY = 'crash-test-key';
const MIN = 60_000;

let dir: string;
let sink: ChildProcess;
let sinkPort = 0;
const received: { messageId: string | null; to: string }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dripagent-crash-'));
  const started = await startUntil(
    process.execPath,
    [join(root, 'test/bench/smtp-sink.mjs'), '0', '20'],
    {},
    /^ready (\d+)$/,
    (line) => {
      received.push(JSON.parse(line));
    },
  );
  sink = started.child;
  sinkPort = Number(started.match[1]);
  // USERS users entered the seed journey: each confirm email waits in the outbox, and each 2-hour
  // API key reminder is due or comes due soon (well within the 6-hour max lateness).
  const store = openStore(join(dir, 'data'));
  const journey = Journey.parse(
    JSON.parse(readFileSync(join(root, 'resources/journeys/integration-setup.json'), 'utf8')),
  );
  store.journeys.saveDraft({ id: journey.id, name: journey.name, json: JSON.stringify(journey) });
  store.journeys.publish(journey.id);
  // Half the users entered 150 minutes ago (their reminders are overdue at the first start); the
  // other half entered just under 2 hours ago, one every few milliseconds, so their reminders come
  // due while the server is being killed and restarted: kills land while the scheduler fires them.
  const setupAt = Date.now();
  const enteredAt = (i: number) =>
    i < USERS / 2 ? setupAt - 150 * MIN : setupAt - 120 * MIN + 1_500 + Math.floor(((i - USERS / 2) * 6_000) / USERS);
  const engine = createEngine({ store, clock: new ManualClock(setupAt - 150 * MIN) });
  const events: UserEvent[] = [];
  for (let i = 0; i < USERS; i++) {
    const userId = `user-${i}`;
    const at = enteredAt(i);
    events.push({
      type: 'identify',
      userId,
      timestamp: at,
      traits: { email: `${userId}@example.com`, createdAt: new Date(at).toISOString() },
      messageId: `${userId}-id`,
    });
    events.push({
      type: 'track',
      event: 'integration_started',
      userId,
      timestamp: at,
      properties: { integration_type: 'custom_api' },
      messageId: `${userId}-s`,
    });
  }
  engine.ingest(events);
  expect(store.outbox.counts().pending).toBe(USERS);
  store.close();
}, 60_000);

afterAll(() => {
  sink?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

const serve = () =>
  startUntil(
    process.execPath,
    [join(root, 'electron/bin/dripagent.mjs'), 'serve', '--port', '0', '--data', join(dir, 'data')],
    { DRIPAGENT_SMTP_URL: `smtp://127.0.0.1:${sinkPort}`, DRIPAGENT_WRITE_KEY: WRITE_KEY },
    /^DripAgent is ready at (\S+)$/,
  );

const stop = async (child: ChildProcess, signal: NodeJS.Signals) => {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
};

const confirmId = (userId: string) => messageIdFor(`integration-setup:${userId}:1/confirm/1`, FROM);
const reminderId = (userId: string) => messageIdFor(`integration-setup:${userId}:1/credential_help/1`, FROM);

/** How many times each expected Message-ID arrived, and how many arrived that were not expected. */
function tally(expected: Set<string>) {
  const counts = new Map<string, number>();
  for (const { messageId } of received) {
    if (messageId && expected.has(messageId)) counts.set(messageId, (counts.get(messageId) ?? 0) + 1);
  }
  return {
    arrived: counts.size,
    twice: [...counts].filter(([, n]) => n > 1).map(([id]) => id),
    missing: [...expected].filter((id) => !counts.has(id)),
  };
}

const waitFor = async (condition: () => boolean, timeoutMs: number) => {
  const end = Date.now() + timeoutMs;
  while (!condition() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
};

describe('a crash (SIGKILL)', () => {
  it('while firing due wake-ups and sending loses no email and sends none twice with the same Message-ID', async () => {
    for (let kill = 0; kill < KILLS; kill++) {
      const { child } = await serve();
      const before = received.length;
      // Kill at a different point each time: right away, or after some mail went out.
      await waitFor(() => received.length >= before + 1 + kill * 40, 5_000);
      await stop(child, 'SIGKILL');
    }
    const users = Array.from({ length: USERS }, (_, i) => `user-${i}`);
    const expected = new Set([...users.map(confirmId), ...users.map(reminderId)]);
    const { child } = await serve();
    await waitFor(() => tally(expected).arrived >= expected.size, 90_000);
    await stop(child, 'SIGTERM');

    const result = tally(expected);
    expect(result.missing).toEqual([]);
    expect(result.twice).toEqual([]);
    const ids = received.map((r) => r.messageId);
    expect(ids.length).toBe(new Set(ids).size);
    expect(ids.filter((id) => !expected.has(id ?? ''))).toEqual([]);
  }, 240_000);

  it('while events are posted loses no acknowledged event: every new user gets their email once', async () => {
    const NEW_USERS = 300;
    const BATCH = 5;
    const batches: Record<string, unknown>[][] = [];
    for (let i = 0; i < NEW_USERS; i += BATCH) {
      const batch: Record<string, unknown>[] = [];
      for (let u = i; u < i + BATCH; u++) {
        const userId = `posted-${u}`;
        const at = new Date().toISOString();
        batch.push(
          {
            type: 'identify',
            userId,
            timestamp: at,
            messageId: `${userId}-id`,
            traits: { email: `${userId}@example.com`, createdAt: at },
          },
          {
            type: 'track',
            userId,
            event: 'integration_started',
            timestamp: at,
            messageId: `${userId}-s`,
            properties: { integration_type: 'stripe' },
          },
        );
      }
      batches.push(batch);
    }
    let acknowledged = 0;
    /**
     * Posts batches in order until one fails (the server died); a failed batch is posted again
     * later, as Segment clients retry. With `kill`, SIGKILLs the server `delayMs` after the request
     * that follows batch `after` went out, so the kill lands while that batch is being ingested.
     */
    const postUntilDown = async (url: string, kill?: { child: ChildProcess; after: number; delayMs: number }) => {
      while (acknowledged < batches.length) {
        if (kill && acknowledged === kill.after) setTimeout(() => kill.child.kill('SIGKILL'), kill.delayMs);
        try {
          const response = await fetch(`${url}/v1/batch`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              authorization: `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`,
            },
            body: JSON.stringify({ batch: batches[acknowledged] }),
            signal: AbortSignal.timeout(10_000),
          });
          if (response.status !== 200) throw new Error(`status ${response.status}`);
          acknowledged++;
        } catch {
          return;
        }
      }
    };
    for (let kill = 0; kill < 5; kill++) {
      const { child, match } = await serve();
      const exited = new Promise((r) => child.once('exit', r));
      await postUntilDown(match[1] as string, {
        child,
        after: acknowledged + 2 + kill,
        delayMs: [2, 8, 15, 25, 40][kill] as number,
      });
      await exited;
    }
    const { child, match } = await serve();
    await postUntilDown(match[1] as string);
    expect(acknowledged).toBe(batches.length);
    const expected = new Set(Array.from({ length: NEW_USERS }, (_, i) => confirmId(`posted-${i}`)));
    await waitFor(() => tally(expected).arrived >= expected.size, 60_000);
    await stop(child, 'SIGTERM');

    const result = tally(expected);
    expect(result.missing).toEqual([]);
    expect(result.twice).toEqual([]);
  }, 180_000);
});
