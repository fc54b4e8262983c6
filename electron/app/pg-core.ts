import { join } from 'node:path';
import type pg from 'pg';
import packageJson from '../../package.json';
import { DEFAULT_ENGINE_CONFIG } from '../../shared/engine/types';
import { createEventBus, type EventBus } from '../api/events';
import type { Route } from '../api/http/router';
import { createHandlerRegistry, type HandlerRegistry } from '../api/registry';
import { registerReplayHandlers } from '../backtest/handlers';
import { createPgReplayJobs } from '../backtest/pg-replay-jobs';
import { createGroupCommit } from '../engine/group-commit';
import { ingestRoutes, STORE_UNAVAILABLE } from '../engine/ingest-route';
import { createPgEngine } from '../engine/pg-engine';
import { createPgScheduler, type PgScheduler } from '../engine/pg-scheduler';
import { createSendingLimits } from '../engine/sending-limits';
import { readBundledJourneys } from '../journeys/bundled';
import { registerJourneyHandlers } from '../journeys/handlers';
import { createJourneyValidator } from '../journeys/validator';
import { createPgSender } from '../mail/outbox/pg-sender';
import type { OutboxSender } from '../mail/outbox/sender';
import { readSendingRate } from '../mail/settings/sending-rate';
import { registerMailSettingsHandlers } from '../mail/settings/settings-handlers';
import { createUnsubscribeLinks } from '../mail/unsubscribe/unsubscribe-links';
import { unsubscribeRoutes } from '../mail/unsubscribe/unsubscribe-routes';
import { registerMetricsHandlers } from '../metrics/handlers';
import { activationEventOf, rememberActivationEvent } from '../metrics/metrics-settings';
import { runReportJob } from '../metrics/report-jobs';
import type { ReportRunner } from '../metrics/report-runner';
import { serially } from '../store/awaitable';
import type { MetaRepo } from '../store/meta-repo';
import { inSnapshot } from '../store/pg/cursor';
import { createDatabaseClock, type DatabaseClock } from '../store/pg/database-clock';
import { engineId } from '../store/pg/database-url';
import { createPgJourneyStore } from '../store/pg/journey-store';
import { refusedValue } from '../store/pg/refused-values';
import { createPgReportsRepo } from '../store/pg/report-rows';
import { withSharedMeta } from '../store/pg/shared-meta';
import { hostSecrets } from './host-secrets';
import { registerAppHandlers } from './info-handlers';
import { installBundledOnce } from './pg-bundled';
import { registerPgEngineHandlers } from './pg-engine-handlers';
import { registerPgMailHandlers } from './pg-mail-handlers';
import { createPgMailSettings } from './pg-mail-settings';
import { registerPgPeopleHandlers } from './pg-people-handlers';
import { pgSuppressionHooks } from './pg-suppressions';

export interface PgCoreOptions {
  pool: pg.Pool;
  /** How the database is named in messages (its URL without the password). */
  where: string;
  resourcesDir: string;
  /** DRIPAGENT_ENGINE_ID or a generated one (the pool's application_name). */
  engineId?: string;
  env?: Record<string, string | undefined>;
  /** Tests of a sender that dies pass shorter claims. */
  sender?: { claimMs?: number; recoverEveryMs?: number; pollMs?: number };
}

/**
 * One engine of several on one PostgreSQL database, as `dripagent serve --database-url` runs it:
 * the tracking API, the scheduler, the sender, unsubscribe links and the admin API's journeys,
 * all on the shared database. What engines must agree on (the write key, the admin token, the
 * link secrets, the example journeys, settings) is read or created once under an advisory lock.
 */
export interface PgCore {
  engineId: string;
  where: string;
  registry: HandlerRegistry;
  events: EventBus;
  /** Why mail is not sent by this engine (no SMTP server set), or null. */
  mailProblem: string | null;
  writeKey(): { key: string; fromEnv: boolean };
  adminToken(): { token: string; fromEnv: boolean };
  /** The public routes: the tracking API and unsubscribe links. */
  routes(): Route[];
  setHostUrl(url: string): void;
  close(): Promise<void>;
}

/** How often an engine re-reads what another one may have saved (sending limits, sending rate). */
const SETTINGS_REFRESH_MS = 5000;

export async function createPgCore(options: PgCoreOptions): Promise<PgCore> {
  const { pool } = options;
  const env = options.env ?? process.env;
  const id = options.engineId ?? engineId(env);
  const clock: DatabaseClock = await createDatabaseClock(pool);
  const stoppers: (() => Promise<void> | void)[] = [() => clock.stop()];
  const close = async () => {
    for (const stop of stoppers.reverse()) await stop();
  };
  try {
    const secrets = await withSharedMeta(pool, (meta) => hostSecrets(meta, env));
    const bundled = readBundledJourneys(join(options.resourcesDir, 'journeys'));
    for (const { file, reason } of bundled.skipped)
      console.warn(`Example journey ${file} was not installed: ${reason}`);
    await installBundledOnce(pool, bundled.journeys, new Date(clock.now()));

    // Settings others may save: read from the shared app_meta now and every few seconds.
    let meta = await metaSnapshot(pool);
    const limits = () => createSendingLimits(meta, env);
    limits(); // a malformed DRIPAGENT_FREQUENCY_CAP fails the start, as on SQLite
    // And so does a malformed DRIPAGENT_SMTP_URL. Without it, the server saved in Settings (shared).
    const mail = createPgMailSettings(env, meta);
    stoppers.push(() => mail.close());
    const defaultFrom = () => mail.current().from ?? DEFAULT_ENGINE_CONFIG.defaultFrom;

    let hostUrl: string | undefined;
    const baseUrl = () => env.DRIPAGENT_PUBLIC_URL || hostUrl || 'http://127.0.0.1:4010';
    const links = createUnsubscribeLinks({ secret: secrets.unsubscribeSecret, baseUrl });

    let scheduler: PgScheduler | undefined;
    let sender: OutboxSender | undefined;
    const engine = await createPgEngine({
      pool,
      clock,
      batchHooks: pgSuppressionHooks(clock),
      onOutbox: () => sender?.poke(),
      onWakeupsChanged: () => {
        scheduler?.arm();
        scheduler?.notifyOthers();
      },
      config: {
        globalCap: limits().get().globalCap,
        unsubscribeUrl: (userId) => links.urlFor(userId),
        defaultFrom: defaultFrom(),
      },
    });
    scheduler = createPgScheduler(engine, pool, clock);
    await scheduler.start();
    stoppers.push(() => scheduler?.stop());

    // No dev inbox here: it would be one engine's. Without a server, emails wait in the outbox.
    const mailProblem =
      mail.current().route.kind === 'smtp'
        ? null
        : 'no SMTP server is set (DRIPAGENT_SMTP_URL, or Settings → Email): emails wait in the outbox until one is, as there is no dev inbox with several engines';
    let rate = readSendingRate(meta);
    // Webhooks are called with or without an SMTP server; emails only with one.
    sender = createPgSender({
      pool,
      senderId: id,
      clock,
      transport: () => mail.transport(),
      links,
      rate: () => rate,
      ...options.sender,
    });
    sender.start();
    stoppers.push(() => sender?.stop());

    /**
     * Reads the shared settings again: limits, the sending rate and the mail server follow. One
     * read at a time, in order: a periodic read that began before a save cannot land after it.
     */
    const oneRead = serially();
    const readNow = async () => {
      meta = await metaSnapshot(pool);
      rate = readSendingRate(meta);
      mail.follow(meta);
      engine.setConfig({ globalCap: limits().get().globalCap, defaultFrom: defaultFrom() });
      sender?.poke();
    };
    const reread = () => oneRead(readNow);
    /** Saves shared settings under their lock, then reads them back (every engine does within 5 s). */
    const saveShared = async <T>(work: (shared: MetaRepo) => T): Promise<T> => {
      const saved = await withSharedMeta(pool, work);
      await reread();
      return saved;
    };
    const refresh = setInterval(() => {
      reread().catch((error: unknown) =>
        console.error('Settings could not be read from the database:', (error as Error).message),
      );
    }, SETTINGS_REFRESH_MS);
    refresh.unref();
    stoppers.push(() => clearInterval(refresh));

    const events = createEventBus();
    const registry = createHandlerRegistry({ refusedInput: refusedValue });
    registerAppHandlers(registry, {
      name: 'DripAgent',
      version: packageJson.version,
      host: 'server',
      dataDir: options.where,
      startedAt: new Date(clock.now()).toISOString(),
      devInbox: false,
    });
    const validator = createJourneyValidator();
    stoppers.push(() => validator.close());
    const journeys = createPgJourneyStore(pool, {
      now: () => new Date(clock.now()),
      retire: (journeyId) => engine.retireJourney(journeyId),
    });
    registerJourneyHandlers(registry, {
      journeys,
      events,
      validator,
      endRuns: (journeyId) => engine.endJourneyRuns(journeyId),
      templates: () => bundled.journeys,
    });
    registerPgEngineHandlers(registry, {
      pool,
      engine,
      events,
      journeys,
      writeKey: () => secrets.writeKey,
      writeKeyFromEnv: secrets.writeKeyFromEnv,
      eventsUrl: () => (hostUrl ? `${baseUrl().replace(/\/+$/, '')}/v1` : null),
      limits: () => limits().get(),
      saveLimits: (cap) => saveShared((shared) => createSendingLimits(shared, env).save(cap)),
    });
    registerPgPeopleHandlers(registry, pool);
    registerPgMailHandlers(registry, { pool, meta: () => meta, saveShared });
    registerMailSettingsHandlers(registry, mail.ops({ baseUrl, saveShared }));
    const replays = createPgReplayJobs(pool);
    stoppers.push(() => replays.close());
    registerReplayHandlers(registry, {
      journeys,
      jobs: replays,
      events,
      config: () => limits().get(),
      pace: () => rate,
      now: () => clock.now(),
    });
    // On this engine's thread, one at a time (each holds a connection for its snapshot): the
    // database does the reading.
    const oneReport = serially();
    const reports = {
      run: ((job, onProgress) =>
        oneReport(() =>
          inSnapshot(pool, (client) =>
            runReportJob({ reports: createPgReportsRepo(client), journeys }, job, onProgress),
          ),
        )) as ReportRunner['run'],
    };
    registerMetricsHandlers(registry, {
      events,
      // Saved in the shared settings: every engine's Metrics view opens on the same event.
      settings: {
        get: () => activationEventOf(meta),
        set: (event) => saveShared((shared) => rememberActivationEvent(shared, event)),
      },
      reports,
    });
    const missing = registry.missing();
    if (missing.length > 0) throw new Error(`No handler registered for: ${missing.join(', ')}`);
    // A publish, pause or delete on this engine reloads its live journeys and tells the others.
    events.subscribe((event) => {
      if (event !== 'journeys.changed') return;
      engine.followJourneys().then(
        () => {
          scheduler?.arm();
          scheduler?.notifyOthers();
        },
        (error: unknown) => console.error('The live journeys could not be reloaded:', error),
      );
    });

    const submitEvents = createGroupCommit((batches) => engine.ingestMany(batches));
    const unsubscribe = async (userId: string, reason: string) => {
      const at = clock.now();
      const added = await pool.query(
        'INSERT INTO unsubscribes (user_id, reason, at) VALUES ($1, $2, $3) ON CONFLICT (user_id) DO NOTHING',
        [userId, reason, at],
      );
      if (added.rowCount !== 1) return;
      // A trait through the engine, as on SQLite: every journey then skips the user, and the trace says why.
      await engine.ingest([
        {
          type: 'identify',
          userId,
          timestamp: at,
          traits: { unsubscribed: true, unsubscribe_reason: reason },
          messageId: `unsubscribe:${userId}:${at}`,
        },
      ]);
    };

    return {
      engineId: id,
      where: options.where,
      registry,
      events,
      mailProblem,
      writeKey: () => ({ key: secrets.writeKey, fromEnv: secrets.writeKeyFromEnv }),
      adminToken: () => ({ token: secrets.adminToken, fromEnv: secrets.adminTokenFromEnv }),
      routes: () => [
        ...ingestRoutes({
          submit: (batch) => storeUnavailableUnlessData(submitEvents(batch)),
          clock,
          writeKey: () => secrets.writeKey,
        }),
        ...unsubscribeRoutes({ links, unsubscribe }),
      ],
      setHostUrl(url) {
        hostUrl = url;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The shared app_meta as it stands, as a read-only MetaRepo for the synchronous settings code. */
async function metaSnapshot(pool: pg.Pool): Promise<MetaRepo> {
  const { rows } = await pool.query<{ key: string; value: string }>('SELECT key, value FROM app_meta');
  const values = new Map(rows.map((r) => [r.key, r.value]));
  return {
    get: (key) => values.get(key),
    set: () => {
      throw new Error('settings are saved through the database, not this snapshot');
    },
  };
}

/**
 * A failure that is not about the events themselves (a data error, class 22 or 23) is the
 * database's: the client is told to retry (503), its events were not stored.
 */
async function storeUnavailableUnlessData<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^2[23]/.test(code)) throw error;
    throw Object.assign(new Error((error as Error).message), { code: STORE_UNAVAILABLE });
  }
}
