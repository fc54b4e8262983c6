import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatOutcome } from '../../electron/cli/simulate';
import { createEngine } from '../../electron/engine/engine';
import { smtpTransport } from '../../electron/mail/outbox/transport';
import { openStore } from '../../electron/store';
import type { UserEvent } from '../../shared/engine/types';
import type { Journey } from '../../shared/journey/schema';
import {
  type HookServer,
  pooledTransporter,
  type Sink,
  startHookServer,
  startSink,
  TestClock,
  testSender,
} from '../mail/fixtures';
import { bundledJourneys, type Case, generateCase, simulated, T0 } from './differential/cases';

/**
 * The proof that the live engine and `simulate` are one interpreter: generated scenarios (random
 * profiles; timelines delivered in shuffled batches, late and twice) over the bundled journeys and
 * over generated journeys using every node type, run through `simulate` and through the live
 * engine (a real store in a temp folder, a manual clock, mail delivered to a real SMTP server).
 * Every user's outcome log must be identical. A failing case prints its seed; run only that case
 * with DRIPAGENT_DIFF_SEED=<seed>.
 */
const CASES = 500;
const MASTER_SEED = 20_261_203;
const DAY = 86_400_000;

let sink: Sink;
let hooks: HookServer;
let transporter: Transporter;
beforeAll(async () => {
  sink = await startSink();
  hooks = await startHookServer();
  transporter = pooledTransporter(sink.port);
});

afterAll(async () => {
  transporter.close();
  await sink.close();
  await hooks.close();
});

/**
 * The live engine on one real store for every case: the bundled journeys stay live, each
 * generated journey is live for its case only (their event names never meet). The clock starts
 * again for each case; earlier cases' users have nothing due in a later case's days.
 */
function createLive() {
  const dir = mkdtempSync(join(tmpdir(), 'dripagent-diff-'));
  const store = openStore(dir);
  const clock = new TestClock(T0 - DAY);
  const engine = createEngine({ store, clock });
  const sender = testSender(store, clock, smtpTransport(transporter));
  for (const journey of bundledJourneys(hooks.url)) publish(journey);
  function publish(journey: Journey) {
    store.journeys.saveDraft({ id: journey.id, name: journey.name, json: JSON.stringify(journey) });
    store.journeys.publish(journey.id);
    engine.journeysChanged();
  }
  /** Fires every wake-up due before `until` (or at it, when inclusive) at its own time, as the scheduler does. */
  const runTo = (until: number, inclusive: boolean) => {
    for (
      let next = engine.nextWake();
      next !== null && (inclusive ? next <= until : next < until);
      next = engine.nextWake()
    ) {
      clock.time = Math.max(next, clock.time);
      while (engine.fireDue() > 0) {}
    }
  };
  return {
    /** Each user's outcome lines from the engine's journal. */
    run(c: Case): Map<string, string[]> {
      const generated = c.journeys.filter((j) => j.id.startsWith('gen-'));
      for (const journey of generated) publish(journey);
      clock.time = T0 - DAY;
      for (const delivery of c.deliveries) {
        runTo(delivery.at, false);
        clock.time = Math.max(delivery.at, clock.time);
        engine.ingest(delivery.events);
        while (engine.fireDue() > 0) {}
      }
      runTo(c.horizon, true);
      for (const journey of generated) store.journeys.delete(journey.id);
      engine.journeysChanged();
      return new Map(
        c.userIds.map((userId) => [
          userId,
          store.journal.forUser(userId, 10_000).flatMap((b) => b.outcomes.map(formatOutcome)),
        ]),
      );
    },
    /** Hands every email and webhook in the outbox to the real SMTP server and hook server. */
    async deliver(): Promise<void> {
      clock.time = T0 + 30 * DAY;
      sender.start();
      sender.poke();
      await sender.idle();
      await sender.stop();
    },
    close() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const only = process.env.DRIPAGENT_DIFF_SEED;
const seeds = only
  ? [Number(only)]
  : Array.from({ length: CASES }, (_, i) => (Math.imul(MASTER_SEED, i + 1) ^ (i * 2_654_435_761)) >>> 0);

/** Counts the events delivered after their time, those sent twice, and batches not in time order. */
function tallyShape(c: Case, shape: { late: number; duplicates: number; shuffled: number }): void {
  const seen = new Set<string>();
  for (const delivery of c.deliveries) {
    for (const [i, event] of delivery.events.entries()) {
      if (event.timestamp < delivery.at) shape.late++;
      if (seen.has(event.messageId)) shape.duplicates++;
      seen.add(event.messageId);
      if (i > 0 && (delivery.events[i - 1] as UserEvent).timestamp > event.timestamp) shape.shuffled++;
    }
  }
}

/** How often each user appears: as a recipient at the SMTP server, or in a webhook's body. */
function perUser(values: readonly string[], users: ReadonlySet<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) {
    const user = /c\d+-u\d/.exec(value)?.[0];
    if (user && users.has(user)) counts.set(user, (counts.get(user) ?? 0) + 1);
  }
  return counts;
}

describe('the live engine and simulate give identical outcome logs', () => {
  it(`for ${seeds.length} generated scenarios over the bundled and generated journeys`, async () => {
    const engine = createLive();
    const expectedEmails = new Map<string, number>();
    const expectedHooks = new Map<string, number>();
    const shape = { late: 0, duplicates: 0, shuffled: 0 };
    try {
      for (const seed of seeds) {
        const c = generateCase(seed, hooks.url);
        const expected = simulated(c);
        const got = engine.run(c);
        tallyShape(c, shape);
        for (const userId of c.userIds) {
          const lines = expected.get(userId) ?? [];
          expect(got.get(userId), `seed ${seed} (DRIPAGENT_DIFF_SEED=${seed}), user ${userId}`).toEqual(lines);
          const count = (type: string) => lines.filter((l) => l.includes(`"type":"${type}"`)).length;
          if (count('email') > 0) expectedEmails.set(userId, count('email'));
          if (count('webhook') > 0) expectedHooks.set(userId, count('webhook'));
        }
      }
      // Every email the interpreter sent reached the SMTP server, to its user; every webhook was called.
      const users = new Set([...expectedEmails.keys(), ...expectedHooks.keys()]);
      await engine.deliver();
      expect(
        perUser(
          sink.messages.flatMap((m) => m.to),
          users,
        ),
      ).toEqual(expectedEmails);
      expect(
        perUser(
          hooks.requests.map((r) => r.body),
          users,
        ),
      ).toEqual(expectedHooks);
      if (!only) {
        // The cases really are hard: many late events, duplicates and batches out of time order.
        expect(shape.late).toBeGreaterThan(100);
        expect(shape.duplicates).toBeGreaterThan(100);
        expect(shape.shuffled).toBeGreaterThan(100);
        expect([...expectedEmails.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(300);
      }
    } finally {
      engine.close();
    }
  }, 240_000);
});
