import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPgEngine } from '../../electron/engine/pg-engine';
import { composeOutboxEmail } from '../../electron/mail/outbox/compose';
import { messageIdFor } from '../../electron/mail/outbox/message-id';
import { createPgSender } from '../../electron/mail/outbox/pg-sender';
import { smtpTransport } from '../../electron/mail/outbox/transport';
import { publish, saveDraft } from '../../electron/store/pg/journey-rows';
import { migratePostgres } from '../../electron/store/pg/migrate';
import { pgMigrations } from '../../electron/store/pg/migrations';
import { claimDue, recordHandoff } from '../../electron/store/pg/outbox-claims';
import { openPostgres } from '../../electron/store/pg/pool';
import { loadSeed, startCustomApiIntegrations } from '../events';
import { startPostgres, type TestPostgres } from '../postgres';
import { startUntil } from '../processes';
import { links, pooledTransporter, type Sink, startSink, T0, TestClock } from './fixtures';

const root = join(import.meta.dirname, '../..');
let server: TestPostgres;
let sink: Sink;
beforeAll(async () => {
  server = await startPostgres();
  sink = await startSink();
}, 120_000);
afterAll(async () => {
  server?.stop();
  await sink?.close();
});

/** A database with the seed journey live and `count` users' confirm emails queued by the engine. */
async function queuedEmails(count: number, prefix: string): Promise<pg.Pool> {
  const pool = openPostgres(await server.createDatabase(), { size: 8, engineId: 'test' });
  await migratePostgres(pool, pgMigrations, 'the test database');
  const journey = loadSeed('integration-setup');
  await saveDraft(pool, { id: journey.id, name: journey.name, json: JSON.stringify(journey) }, new Date(T0));
  await publish(pool, journey.id, new Date(T0));
  const engine = await createPgEngine({ pool, clock: new TestClock(T0) });
  for (let i = 0; i < count; i += 100) {
    const users = Array.from({ length: Math.min(100, count - i) }, (_, k) => `${prefix}-${i + k}`);
    await engine.ingest(startCustomApiIntegrations(users));
  }
  return pool;
}

async function statuses(pool: pg.Pool): Promise<Record<string, number>> {
  const { rows } = await pool.query<{ status: string; n: number }>(
    'SELECT status, COUNT(*)::int AS n FROM outbox GROUP BY status',
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

describe('senders on one PostgreSQL database', () => {
  test('two senders deliver every queued email once: each Message-ID reaches the server one time', async () => {
    const pool = await queuedEmails(200, 'two');
    const clock = new TestClock(T0 + 60_000);
    const transporter = pooledTransporter(sink.port);
    const senders = ['a', 'b'].map((id) =>
      createPgSender({ pool, senderId: id, clock, transport: smtpTransport(transporter), links, pollMs: 50 }),
    );
    const before = sink.messages.length;
    try {
      for (const sender of senders) sender.start();
      await sink.waitFor(before + 200, 30_000);
      await Promise.all(senders.map((s) => s.idle()));
      const ids = sink.messages.slice(before).map((m) => m.messageId);
      expect(ids.length).toBe(200);
      expect(new Set(ids).size).toBe(200);
      expect(await statuses(pool)).toEqual({ sent: 200 });
      // Both took part: the rows were shared out, not sent twice.
      const [a, b] = senders.map((s) => s.stats().sent);
      expect((a ?? 0) + (b ?? 0)).toBe(200);
      expect(a).toBeGreaterThan(0);
      expect(b).toBeGreaterThan(0);
    } finally {
      await Promise.all(senders.map((s) => s.stop()));
      transporter.close();
      await pool.end();
    }
  }, 60_000);

  test('two senders keep to one sending rate between them: 3 a minute send 3, not 6', async () => {
    const pool = await queuedEmails(8, 'rate');
    const clock = new TestClock(T0 + 60_000);
    const transporter = pooledTransporter(sink.port);
    const rate = () => ({ perMinute: 3, perHour: null });
    const senders = ['a', 'b'].map((id) =>
      createPgSender({ pool, senderId: id, clock, transport: smtpTransport(transporter), links, pollMs: 50, rate }),
    );
    try {
      for (const sender of senders) sender.start();
      await Promise.all(senders.map((s) => s.idle()));
      await Promise.all(senders.map((s) => s.idle()));
      expect(await statuses(pool)).toEqual({ sent: 3, pending: 5 });
      clock.advance(60_001);
      for (const sender of senders) sender.poke();
      await Promise.all(senders.map((s) => s.idle()));
      await Promise.all(senders.map((s) => s.idle()));
      expect(await statuses(pool)).toEqual({ sent: 6, pending: 2 });
    } finally {
      await Promise.all(senders.map((s) => s.stop()));
      transporter.close();
      await pool.end();
    }
  }, 60_000);

  test('with no SMTP server a sender still calls webhooks; emails wait for a server', async () => {
    const pool = await queuedEmails(2, 'nosmtp');
    const calls: { key: string | undefined; body: string }[] = [];
    const hook = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        calls.push({ key: req.headers['idempotency-key'] as string | undefined, body });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    await pool.query(
      `INSERT INTO outbox (key, kind, run_id, user_id, journey_id, node_id, at, created_at, payload, next_attempt_at)
       VALUES ('hook-1', 'webhook', 'r1', 'nosmtp-0', 'integration-setup', 'notify', $1, $1, $2, $1)`,
      [T0, JSON.stringify({ kind: 'webhook', url, body: '{"user":"nosmtp-0"}', headers: {} })],
    );
    const sender = createPgSender({
      pool,
      senderId: 'a',
      clock: new TestClock(T0 + 1000),
      transport: null,
      links,
      pollMs: 50,
    });
    try {
      sender.start();
      await sender.idle();
      expect(calls).toEqual([{ key: 'hook-1', body: '{"user":"nosmtp-0"}' }]);
      const kinds = await pool.query<{ kind: string; status: string; n: number }>(
        'SELECT kind, status, COUNT(*)::int AS n FROM outbox GROUP BY kind, status ORDER BY kind',
      );
      expect(kinds.rows).toEqual([
        { kind: 'email', status: 'pending', n: 2 },
        { kind: 'webhook', status: 'sent', n: 1 },
      ]);
    } finally {
      await sender.stop();
      hook.close();
      await pool.end();
    }
  }, 60_000);

  test('a sender whose claim was taken over abandons the message before its final dot', async () => {
    const pool = await queuedEmails(1, 'fence');
    // An abandoned message leaves the connection waiting for its end: the socket timeout ends it.
    const transporter = pooledTransporter(sink.port, { socketTimeout: 1000 });
    try {
      const [row] = await claimDue(pool, 'slow', 'email', T0 + 60_000, 1, 1);
      if (!row) throw new Error('no row claimed');
      // The claim (1 ms) runs out; another sender claims the row for itself.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect((await claimDue(pool, 'other', 'email', T0 + 60_000, 1)).map((r) => r.id)).toEqual([row.id]);
      const attemptsBefore = sink.attempts.length;
      const messagesBefore = sink.messages.length;
      const message = composeOutboxEmail(row, { links }, T0);
      const error = await new Promise<Error | null>((resolve) =>
        smtpTransport(transporter).send(message, { beforeDot: () => recordHandoff(pool, 'slow', row.id, T0) }, resolve),
      );
      expect(error).not.toBeNull();
      expect(sink.messages.length).toBe(messagesBefore);
      expect(sink.attempts.length).toBe(attemptsBefore);
      const handoffs = await pool.query('SELECT 1 FROM outbox_handoffs');
      expect(handoffs.rowCount).toBe(0);
    } finally {
      transporter.close();
      await pool.end();
    }
  }, 60_000);

  test('a sender process killed with SIGKILL mid-send: nothing lost, no duplicate Message-ID at the server', async () => {
    const pool = await queuedEmails(400, 'kill');
    const url = (pool as unknown as { options: { connectionString: string } }).options.connectionString;
    const received: string[] = [];
    const sinkProcess = await startUntil(
      process.execPath,
      [join(root, 'test/bench/smtp-sink.mjs'), '0', '15'],
      {},
      /^ready (\d+)$/,
      (line) => {
        received.push((JSON.parse(line) as { messageId: string }).messageId);
      },
    );
    const children: ChildProcess[] = [sinkProcess.child];
    try {
      const port = sinkProcess.match[1] as string;
      const doomed = await startUntil(
        process.execPath,
        [join(root, 'test/mail/pg/sender-probe.mjs'), url, port, '1500'],
        {},
        /^sending$/,
      );
      const survivor = await startUntil(
        process.execPath,
        [join(root, 'test/mail/pg/sender-probe.mjs'), url, port, '1500'],
        {},
        /^sending$/,
      );
      children.push(doomed.child, survivor.child);
      // Killed while both are sending (messages in every stage of the SMTP conversation).
      while (received.length < 60) await new Promise((resolve) => setTimeout(resolve, 10));
      doomed.child.kill('SIGKILL');
      for (let waited = 0; waited < 40_000; waited += 100) {
        const s = await statuses(pool);
        if ((s.sent ?? 0) === 400) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await statuses(pool)).toEqual({ sent: 400 });
      // At most once each; the ones the server never got were cut off between the handoff and the dot.
      expect(new Set(received).size).toBe(received.length);
      const keys = await pool.query<{ key: string; payload: string }>('SELECT key, payload FROM outbox');
      const expected = new Set(keys.rows.map((r) => messageIdFor(r.key, JSON.parse(r.payload).from)));
      expect(received.every((id) => expected.has(id))).toBe(true);
      expect(received.length).toBeGreaterThanOrEqual(400 - 10);
    } finally {
      for (const child of children) child.kill('SIGKILL');
      await pool.end();
    }
  }, 90_000);
});
