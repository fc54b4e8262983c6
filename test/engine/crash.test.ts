import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../electron/engine/clock';
import { createEngine } from '../../electron/engine/engine';
import { messageIdFor } from '../../electron/mail/message-id';
import { openStore } from '../../electron/store';
import type { UserEvent } from '../../shared/engine/types';
import { Journey } from '../../shared/journey/schema';

const root = join(import.meta.dirname, '../..');
// Thousands of due emails; the sink answers each after 20 ms like a remote server, so a kill lands
// at many different points of the SMTP conversation (not only between messages).
const USERS = 1500;
const KILLS = 8;

let dir: string;
let sink: ChildProcess;
let sinkPort = 0;
const received: { messageId: string | null; to: string }[] = [];

/** Starts a process and resolves with it once a stdout line matches. */
function startUntil(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  onLine?: (line: string) => void,
) {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise<{ child: ChildProcess; match: RegExpExecArray }>((resolve, reject) => {
    let done = false;
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const match = ready.exec(line);
      if (match && !done) {
        done = true;
        resolve({ child, match });
      } else onLine?.(line);
    });
    child.on('exit', (code) => {
      if (!done) reject(new Error(`${args.join(' ')} exited with ${code}`));
    });
  });
}

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
  // Thousands of due emails: USERS users entered the seed journey just now; each confirm email waits in the outbox.
  const store = openStore(join(dir, 'data'));
  const journey = Journey.parse(
    JSON.parse(readFileSync(join(root, 'resources/journeys/integration-setup.json'), 'utf8')),
  );
  store.journeys.saveDraft({ id: journey.id, name: journey.name, json: JSON.stringify(journey) });
  store.journeys.publish(journey.id);
  const engine = createEngine({ store, clock: systemClock });
  const now = Date.now();
  const events: UserEvent[] = [];
  for (let i = 0; i < USERS; i++) {
    const userId = `user-${i}`;
    events.push({
      type: 'identify',
      userId,
      timestamp: now,
      traits: { email: `${userId}@example.com`, createdAt: new Date(now).toISOString() },
      messageId: `${userId}-id`,
    });
    events.push({
      type: 'track',
      event: 'integration_started',
      userId,
      timestamp: now,
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
    { DRIPAGENT_SMTP_URL: `smtp://127.0.0.1:${sinkPort}` },
    /^DripAgent is ready at (\S+)$/,
  );

const waitFor = async (condition: () => boolean, timeoutMs: number) => {
  const end = Date.now() + timeoutMs;
  while (!condition() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
};

describe('a crash (SIGKILL) while sending', () => {
  it('loses no email and sends none twice with the same Message-ID', async () => {
    for (let kill = 0; kill < KILLS; kill++) {
      const { child } = await serve();
      const before = received.length;
      // Kill at a different point each time: right away, or after some mail went out.
      await waitFor(() => received.length >= before + 1 + kill * 25, 5_000);
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    const { child } = await serve();
    await waitFor(() => new Set(received.map((r) => r.messageId)).size >= USERS, 60_000);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));

    const ids = received.map((r) => r.messageId);
    const expected = new Set(
      Array.from({ length: USERS }, (_, i) =>
        messageIdFor(`integration-setup:user-${i}:1/confirm/1`, 'DripAgent Setup <setup@example.com>'),
      ),
    );
    expect(new Set(ids).size).toBe(USERS);
    expect(ids.length).toBe(USERS);
    expect(ids.filter((id) => !expected.has(id ?? ''))).toEqual([]);
  }, 180_000);
});
