import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { messageIdFor } from '../../electron/mail/outbox/message-id';
import { simulate } from '../../shared/engine/simulate';
import type { UserEvent } from '../../shared/engine/types';
import { HOUR, loadSeed, startCustomApiIntegrations } from '../events';
import { startPostgres, type TestPostgres } from '../postgres';
import { startUntil } from '../processes';

/**
 * `dripagent serve --database-url`: whole engines as processes on one PostgreSQL, with a real SMTP
 * server (test/bench/smtp-sink.mjs) behind them, driven over HTTP like a load balancer would.
 */
const root = join(import.meta.dirname, '../..');
const CLI = join(root, 'electron/bin/dripagent.mjs');

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(() => server?.stop());

interface Engine {
  child: ChildProcess;
  url: string;
  token: string;
  writeKey: string;
  stderr: () => string;
}

/** Starts one `serve` engine on the database; resolves once its banner is out. */
function startEngine(databaseUrl: string, env: Record<string, string>, ...args: string[]): Promise<Engine> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('DRIPAGENT_')));
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--database-url', databaseUrl, ...args], {
    cwd: root,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
      const url = /^DripAgent is ready at (\S+)$/m.exec(stdout)?.[1];
      const token = /\?token=(\S+)/.exec(stdout)?.[1];
      const writeKey = /^Write key: (\S+)/m.exec(stdout)?.[1];
      if (url && token && writeKey) {
        resolve({ child, url, token: decodeURIComponent(token), writeKey, stderr: () => stderr });
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
}

const call = async (engine: Engine, name: string, args: unknown) => {
  const response = await fetch(`${engine.url}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${engine.token}` },
    body: JSON.stringify(args),
  });
  return (await response.json()) as { ok: boolean; result?: Record<string, unknown>; error?: { message: string } };
};

/** Segment's wire format for our events: what a client library posts to /v1/batch. */
const segment = (event: UserEvent) => ({
  ...event,
  timestamp: new Date(event.timestamp).toISOString(),
});

const postBatch = async (engine: Engine, events: readonly UserEvent[]) => {
  const response = await fetch(`${engine.url}/v1/batch`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`${engine.writeKey}:`).toString('base64')}`,
    },
    body: JSON.stringify({ batch: events.map(segment) }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { accepted: number; duplicates: number };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startSinkProcess(received: { messageId: string; to: string; subject: string }[]) {
  const sink = await startUntil(
    process.execPath,
    [join(root, 'test/bench/smtp-sink.mjs'), '0', '10'],
    {},
    /^ready (\d+)$/,
    (line) => {
      received.push(JSON.parse(line));
    },
  );
  return { child: sink.child, port: sink.match[1] as string };
}

/** An empty database, a pool on it, and a real SMTP server in its own process (children to kill after). */
async function cluster() {
  const databaseUrl = await server.createDatabase();
  const received: { messageId: string; to: string; subject: string }[] = [];
  const children: ChildProcess[] = [];
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, options: '-c search_path=dripagent' });
  const sink = await startSinkProcess(received);
  children.push(sink.child);
  return { databaseUrl, received, children, pool, sink };
}

describe('dripagent serve on PostgreSQL', () => {
  test('two engines behind one address: the same keys, exactly the emails simulate sends, each Message-ID once, and one engine killed mid-send loses nothing', async () => {
    const { databaseUrl, received, children, pool, sink } = await cluster();
    try {
      const env = {
        DRIPAGENT_SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
        DRIPAGENT_MAIL_FROM: 'DripAgent <hello@example.com>',
        DRIPAGENT_SEND_CLAIM_MS: '1500',
      };
      // Both start on the empty database at once: one migration, one set of keys, the examples once.
      const [a, b] = await Promise.all([
        startEngine(databaseUrl, { ...env, DRIPAGENT_ENGINE_ID: 'engine-a' }),
        startEngine(databaseUrl, { ...env, DRIPAGENT_ENGINE_ID: 'engine-b' }),
      ]);
      children.push(a.child, b.child);
      expect(b.writeKey).toBe(a.writeKey);
      expect(b.token).toBe(a.token);
      const listed = await call(b, 'journey.list', {});
      expect(((listed.result?.journeys ?? []) as { id: string }[]).map((j) => j.id).sort()).toEqual([
        'integration-setup',
        'setup-troubleshooting',
      ]);

      // Published on one engine, paused on it: the other holds too.
      expect((await call(a, 'journey.publish', { id: 'integration-setup' })).ok).toBe(true);
      expect((await call(a, 'journey.pause', { id: 'integration-setup' })).result).toEqual({ paused: true });
      const now = Date.now();
      // Five hours back: every wake-up up to now is due, and within the journey's max lateness (6 h).
      const at = now - 5 * HOUR;
      await postBatch(b, startCustomApiIntegrations(['paused-1'], at));
      const heldRuns = await pool.query("SELECT 1 FROM runs WHERE user_id = 'paused-1'");
      expect(heldRuns.rowCount).toBe(0);
      expect((await call(b, 'journey.resume', { id: 'integration-setup' })).result).toEqual({ resumed: true });

      // Each user's history, posted to both engines at once (a retrying client):
      // stored once, decided once, every wake-up already due.
      const users = Array.from({ length: 240 }, (_, i) => `user-${i}`);
      const events = startCustomApiIntegrations(users, at);
      const chunks = Array.from({ length: 12 }, (_, i) => events.slice(i * 40, (i + 1) * 40));
      const answers = await Promise.all(chunks.flatMap((chunk) => [postBatch(a, chunk), postBatch(b, chunk)]));
      expect(answers.reduce((sum, r) => sum + r.accepted, 0)).toBe(events.length);
      expect(answers.reduce((sum, r) => sum + r.duplicates, 0)).toBe(events.length);

      // Killed while both are sending.
      const expected = simulate({ journeys: [loadSeed('integration-setup')], events, until: now });
      const emails = expected.outcomes.filter((o) => o.type === 'email');
      expect(emails.length).toBeGreaterThan(users.length);
      for (let waited = 0; received.length < emails.length / 5 && waited < 20_000; waited += 10) await sleep(10);
      a.child.kill('SIGKILL');
      const atKill = received.length;
      expect(atKill).toBeLessThan(emails.length);

      const statuses = async () =>
        Object.fromEntries(
          (
            await pool.query<{ status: string; n: number }>(
              "SELECT status, COUNT(*)::int AS n FROM outbox WHERE kind = 'email' GROUP BY status",
            )
          ).rows.map((r) => [r.status, r.n]),
        );
      for (let waited = 0; waited < 40_000; waited += 200) {
        if ((await statuses()).sent === emails.length) break;
        await sleep(200);
      }
      expect(await statuses()).toEqual({ sent: emails.length });

      // What simulate decides, at the server: each user's subjects, each Message-ID at most once;
      // one the server never got was cut off by the kill between the handoff and the final dot.
      expect(new Set(received.map((m) => m.messageId)).size).toBe(received.length);
      const keys = await pool.query<{ key: string; payload: string }>(
        "SELECT key, payload FROM outbox WHERE kind = 'email'",
      );
      const ids = new Set(keys.rows.map((r) => messageIdFor(r.key, JSON.parse(r.payload).from)));
      expect(received.every((m) => ids.has(m.messageId))).toBe(true);
      expect(received.length).toBeGreaterThanOrEqual(emails.length - 20);
      const bySubject = (list: { to: string; subject: string }[]) => list.map((m) => `${m.to} ${m.subject}`).sort();
      const stored = await pool.query<{ user_id: string; payload: string }>(
        "SELECT user_id, payload FROM outbox WHERE kind = 'email'",
      );
      expect(
        bySubject(stored.rows.map((r) => ({ to: `${r.user_id}@example.com`, subject: JSON.parse(r.payload).subject }))),
      ).toEqual(bySubject(emails.map((o) => ({ to: `${o.userId}@example.com`, subject: o.subject ?? '' }))));
      // People, the canvas's live counts and a person's trace, read on the engine that survived.
      const found = await call(b, 'users.search', { query: 'user-17' });
      const foundIds = ((found.result?.users ?? []) as { userId: string }[]).map((u) => u.userId);
      expect(foundIds).toContain('user-17');
      expect(foundIds.every((id) => id.startsWith('user-17'))).toBe(true);
      const overview = (await call(b, 'runs.overview', { journeyId: 'integration-setup' })).result as {
        active: number;
        done: number;
        nodes: { nodeId: string; active: number }[];
      };
      expect(overview.active + overview.done).toBe(users.length);
      expect(overview.nodes.reduce((sum, n) => sum + n.active, 0)).toBe(overview.active);
      const trace = (await call(b, 'user.trace', { userId: 'user-17' })).result as {
        messages: { subject?: string; status: string }[];
      };
      expect(trace.messages.map((m) => m.status)).toEqual(
        emails.filter((o) => o.userId === 'user-17').map(() => 'sent'),
      );
      expect((await call(b, 'user.trace', { userId: 'nobody\u0000' })).ok).toBe(true);
      const status = (await call(b, 'engine.status', {})).result as { counts: Record<string, number> };
      expect(status.counts).toMatchObject({ sent: emails.length, pending: 0, failed: 0 });
      // The Metrics view: the funnel, the journey's results and event health, read from the database.
      const period = { from: at - HOUR, to: now + HOUR };
      expect((await call(b, 'metrics.activation.set', { event: 'integration_connected' })).ok).toBe(true);
      const funnel = (await call(b, 'metrics.funnel', { ...period, by: 'integration_type' })).result as {
        activationEvent: string | null;
        report: { groups: { key: string; started: number; connected: number }[] };
        details: { groups: { key: string }[] };
      };
      expect(funnel.activationEvent).toBe('integration_connected');
      // Everyone who started counts, paused-1 too (it started while the journey was paused).
      expect(funnel.report.groups).toMatchObject([{ key: 'custom_api', started: users.length + 1, connected: 0 }]);
      const results = (await call(b, 'metrics.journey', { journeyId: 'integration-setup', ...period })).result as {
        entered: number;
        messages: { kind: string; delivered: number }[];
      };
      expect(results.entered).toBe(users.length);
      expect(results.messages.reduce((sum, m) => sum + (m.kind === 'email' ? m.delivered : 0), 0)).toBe(emails.length);
      const health = (await call(b, 'metrics.events', period)).result as {
        events: { name: string; total: number; users: number }[];
      };
      expect(health.events.find((e) => e.name === 'integration_started')).toMatchObject({
        total: users.length + 1,
        users: users.length + 1,
      });
      // A backtest of the seed over the stored history (paused-1's too: a backtest replays what was
      // stored, paused or not) decides what simulate decides for the same events.
      const seed = loadSeed('integration-setup');
      const replayed = simulate({
        journeys: [seed],
        events: [...startCustomApiIntegrations(['paused-1'], at), ...events],
        until: period.to,
      }).outcomes.filter((o) => o.type === 'email');
      const backtest = (await call(b, 'backtest.run', { jobId: 'bt-1', journey: seed, ...period })).result as {
        status: string;
        draft: { users: number; by_node: { nodeId: string; type: string; count: number }[] };
        live: unknown;
      };
      expect(backtest.status).toBe('done');
      expect(backtest.live).not.toBeNull();
      const backtestEmails = backtest.draft.by_node.filter((c) => c.type === 'email');
      expect(backtestEmails.reduce((sum, c) => sum + c.count, 0)).toBe(replayed.length);
      expect(replayed.length).toBeGreaterThan(emails.length);
      // The forecast: every email is sent and nobody in flight has a step left that sends.
      const forecast = (await call(b, 'forecast.run', { jobId: 'fc-1', days: 14 })).result as {
        status: string;
        forecast: { inFlight: number; entriesPerDay: { journeyId: string; perDay: number }[] };
      };
      expect(forecast.status).toBe('done');
      expect(forecast.forecast.inFlight).toBe(overview.active);
      // The mail views, from the database: the outbox, suppressions, unsubscribes, the sending rate.
      const counts = (await call(b, 'outbox.counts', {})).result;
      expect(counts).toEqual({ pending: 0, sent: emails.length, failed: 0 });
      const listed17 = (await call(b, 'outbox.list', { userId: 'user-17', limit: 50 })).result as {
        items: { userId: string; status: string; messageId: string | null }[];
      };
      expect(listed17.items.map((i) => i.status)).toEqual(
        emails.filter((o) => o.userId === 'user-17').map(() => 'sent'),
      );
      expect(listed17.items.every((i) => i.messageId?.startsWith('<'))).toBe(true);
      await pool.query(
        `INSERT INTO suppressions (address, user_id, reason, source, detail, at)
         VALUES ('user-3@example.com', 'user-3', 'bounced', 'postmark', '550 5.1.1 No such user', $1)`,
        [now],
      );
      const suppressed = (await call(b, 'mail.suppressions.list', { query: 'USER-3@' })).result as {
        items: { address: string; reason: string }[];
        total: number;
      };
      expect(suppressed).toMatchObject({ total: 1, items: [{ address: 'user-3@example.com', reason: 'bounced' }] });
      const csv = (await call(b, 'mail.suppressions.export', {})).result as { csv: string; count: number };
      expect(csv.count).toBe(1);
      expect(csv.csv).toContain('user-3@example.com,user-3,bounced,postmark,550 5.1.1 No such user,');
      expect((await call(b, 'mail.suppressions.remove', { address: 'User-3@Example.com' })).result).toEqual({
        removed: true,
      });
      expect((await call(b, 'mail.suppressions.list', {})).result).toMatchObject({ total: 0 });
      expect((await call(b, 'mail.unsubscribes.list', {})).result).toMatchObject({ total: 0, items: [] });
      const rate = { perMinute: 120, perHour: null };
      expect((await call(b, 'mail.rate.save', rate)).result).toEqual(rate);
      expect((await call(b, 'mail.rate.get', {})).result).toEqual(rate);
      expect((await call(b, 'mail.clicks.journey', { journeyId: 'integration-setup' })).result).toEqual({ counts: [] });
      const inbox = await fetch(`${b.url}/api/inbox.list`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${b.token}` },
        body: '{}',
      });
      expect(inbox.status).toBe(409);
      expect(((await inbox.json()) as { error: { message: string } }).error.message).toContain(
        'There is no dev inbox with several engines',
      );
      // New entries at the last 14 days' rate: everyone who started, paused-1 too (replayed as history).
      const perDay = Math.round(((users.length + 1) / 14) * 100) / 100;
      expect(forecast.forecast.entriesPerDay).toEqual([{ journeyId: 'integration-setup', perDay }]);

      // A value PostgreSQL will not take (a NUL) is the request's fault: 400 naming it, never a 500.
      for (const [name, args] of [
        ['journey.get', { id: 'integration\u0000setup' }],
        ['journey.pause', { id: 'integration\u0000setup' }],
      ] as const) {
        const refused = await fetch(`${b.url}/api/${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${b.token}` },
          body: JSON.stringify(args),
        });
        expect(refused.status).toBe(400);
        expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
          'the database does not accept a value given',
        );
      }
      expect(b.stderr()).not.toMatch(/Error/);
    } finally {
      for (const child of children) child.kill('SIGKILL');
      await pool.end();
    }
  }, 120_000);

  test('the SMTP server saved in Settings on one engine is used by every engine, its password kept in the database', async () => {
    const { databaseUrl, received, children, pool, sink } = await cluster();
    try {
      const [a, b] = await Promise.all([
        startEngine(databaseUrl, { DRIPAGENT_ENGINE_ID: 'engine-a' }),
        startEngine(databaseUrl, { DRIPAGENT_ENGINE_ID: 'engine-b' }),
      ]);
      children.push(a.child, b.child);
      expect((await call(b, 'mail.settings.get', {})).result).toMatchObject({
        mode: 'none',
        source: 'none',
        secretStorage: 'database',
      });
      expect((await call(a, 'journey.publish', { id: 'integration-setup' })).ok).toBe(true);
      await postBatch(b, startCustomApiIntegrations(['s1', 's2'], Date.now()));
      const pending = async () =>
        (await pool.query("SELECT 1 FROM outbox WHERE kind = 'email' AND status = 'pending'")).rowCount;
      expect(await pending()).toBe(2);

      // A password is kept in the shared settings, and never shown.
      const port = Number(sink.port);
      const withPassword = await call(a, 'mail.settings.save', {
        host: '127.0.0.1',
        port,
        secure: false,
        user: 'drip',
        password: 'pw-secret',
        from: 'Drip <hello@example.com>',
      });
      expect(withPassword.result).toMatchObject({ mode: 'smtp', source: 'settings', smtp: { hasPassword: true } });
      expect(JSON.stringify(withPassword)).not.toContain('pw-secret');
      const stored = await pool.query("SELECT value FROM app_meta WHERE value = 'pw-secret'");
      expect(stored.rowCount).toBe(1);
      // Saved without a user: the password goes; the engines send through the server within their next read
      // (B shows it and connects to it below).
      const saved = await call(a, 'mail.settings.save', {
        host: '127.0.0.1',
        port,
        secure: false,
        user: null,
        password: null,
      });
      expect(saved.error).toBeUndefined();
      expect((await pool.query("SELECT 1 FROM app_meta WHERE value = 'pw-secret'")).rowCount).toBe(0);
      expect(saved.result).toMatchObject({ mode: 'smtp', smtp: { host: '127.0.0.1', port, hasPassword: false } });
      for (let waited = 0; received.length < 2 && waited < 20_000; waited += 100) await sleep(100);
      expect(received.map((m) => m.to).sort()).toEqual(['s1@example.com', 's2@example.com']);
      // The sink has the messages a moment before the sender has recorded the server's answer.
      let left = await pending();
      for (let waited = 0; left !== 0 && waited < 10_000; waited += 100) {
        await sleep(100);
        left = await pending();
      }
      expect(left).toBe(0);
      let onB = (await call(b, 'mail.settings.get', {})).result as { mode: string };
      for (let waited = 0; onB.mode !== 'smtp' && waited < 10_000; waited += 200) {
        await sleep(200);
        onB = (await call(b, 'mail.settings.get', {})).result as { mode: string };
      }
      expect(onB).toMatchObject({ mode: 'smtp', from: 'Drip <hello@example.com>' });
      expect((await call(b, 'mail.settings.test', {})).result).toEqual({ ok: true });
      expect((await call(b, 'mail.settings.clear', {})).result).toMatchObject({ mode: 'none' });
      expect((await call(b, 'mail.settings.test', {})).result).toMatchObject({ ok: false });
    } finally {
      for (const child of children) child.kill('SIGKILL');
      await pool.end();
    }
  }, 120_000);

  test('--no-migrate refuses a database without the schema, naming the command that fixes it', async () => {
    const databaseUrl = await server.createDatabase();
    await expect(startEngine(databaseUrl, {}, '--no-migrate')).rejects.toThrow(
      /no DripAgent schema here: run `dripagent migrate --database-url URL` first/,
    );
  }, 60_000);
});
