import { join } from 'node:path';
import packageJson from '../../package.json';
import type { AppInfo } from '../../shared/api/app';
import { createEventBus, type EventBus } from '../api/events';
import { resolveAdminToken } from '../api/http/admin-auth';
import { createHandlerRegistry, type HandlerRegistry } from '../api/registry';
import { registerReplayHandlers } from '../backtest/handlers';
import { createReplayJobs } from '../backtest/replay-jobs';
import type { Clock } from '../engine/clock';
import { createEngineRuntime, type EngineRuntime } from '../engine/runtime';
import { installBundledJourneys, readBundledJourneys } from '../journeys/bundled';
import { registerJourneyHandlers } from '../journeys/handlers';
import { createJourneyValidator } from '../journeys/validator';
import { registerDeliverabilityHandlers } from '../mail/deliverability-handlers';
import { registerMailHandlers } from '../mail/handlers';
import { createMailService, type MailService } from '../mail/service';
import type { SecretStore } from '../mail/settings/secret-store';
import { readSendingRate } from '../mail/settings/sending-rate';
import { registerMetricsHandlers, storedActivation } from '../metrics/handlers';
import { createReportRunner } from '../metrics/report-runner';
import { openStore, type Store } from '../store';
import { registerAppHandlers } from './info-handlers';
import { wireSuppressions } from './wire-suppressions';

export interface AppCoreOptions {
  dataDir: string;
  /** The repository's (or packaged app's) `resources/` folder, holding the example journeys. */
  resourcesDir: string;
  host: AppInfo['host'];
  /** An Electron-ABI better_sqlite3.node, when running inside Electron. */
  nativeBinding?: string;
  now?: () => Date;
  /** The engine's clock (tests inject a manual one). */
  clock?: Clock;
  /** False to drive wake-ups by hand (tests). */
  startScheduler?: boolean;
  /** Where SMTP passwords are kept: the desktop app passes safeStorage; by default a 0600 file in dataDir. */
  secrets?: (store: Store) => SecretStore;
  /** DRIPAGENT_SMTP_URL, DRIPAGENT_MAIL_FROM, DRIPAGENT_PUBLIC_URL…; `process.env` by default. */
  env?: Record<string, string | undefined>;
}

/** The engine behind both shells: one store, one handler table, one push bus. */
export interface AppCore {
  dataDir: string;
  store: Store;
  registry: HandlerRegistry;
  events: EventBus;
  /** The live engine: ingestion, scheduler, engine handlers. */
  runtime: EngineRuntime;
  /** Mail out: the outbox sender, dev inbox, SMTP settings and unsubscribe links. */
  mail: MailService;
  /** The token `dripagent serve` requires on its admin API (DRIPAGENT_ADMIN_TOKEN, else generated once). */
  adminToken(): { token: string; fromEnv: boolean };
  /** Stops the scheduler, the sender (waiting for messages in flight) and the dev inbox, then closes the database. */
  close(): Promise<void>;
}

/** Calls `push` once for a burst of calls (a batch of bounces is one push). */
function coalesce(push: () => void, delayMs = 250): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    timer ??= setTimeout(() => {
      timer = undefined;
      push();
    }, delayMs);
    timer.unref?.();
  };
}

/**
 * Builds the engine. The desktop app and `dripagent serve` both call this, so they cannot drift.
 * @example const core = createAppCore({ dataDir, resourcesDir, host: 'server' }); ...; core.close();
 * @throws when the database cannot be opened or migrated (e.g. an edited migration)
 */
export function createAppCore(options: AppCoreOptions): AppCore {
  const now = options.now ?? (() => new Date());
  const store = openStore(options.dataDir, { nativeBinding: options.nativeBinding, now, backgroundCheckpoints: true });
  let mail: MailService | undefined;
  let startedRuntime: EngineRuntime | undefined;
  let closeValidator = async () => {};
  let closeJobs = async () => {};
  let closeReports = async () => {};
  try {
    const report = installBundledJourneys(store, join(options.resourcesDir, 'journeys'));
    for (const { file, reason } of report.skipped) console.warn(`Example journey ${file} was not installed: ${reason}`);

    const events = createEventBus();
    const registry = createHandlerRegistry();
    registerAppHandlers(registry, {
      name: 'DripAgent',
      version: packageJson.version,
      host: options.host,
      dataDir: options.dataDir,
      startedAt: now().toISOString(),
      devInbox: true,
    });
    const validator = createJourneyValidator();
    closeValidator = () => validator.close();
    const runtime = createEngineRuntime({
      store,
      registry,
      events,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.startScheduler !== undefined ? { startScheduler: options.startScheduler } : {}),
      ...(options.env ? { env: options.env } : {}),
    });
    registerJourneyHandlers(registry, {
      journeys: store.journeys,
      catalog: () => store.catalog.eventCatalog(),
      events,
      validator,
      endRuns: (journeyId) => runtime.engine.endDeletedJourney(journeyId),
      templates: () => readBundledJourneys(join(options.resourcesDir, 'journeys')).journeys,
    });
    startedRuntime = runtime;
    // The sender shares the engine's clock: outbox rows are due in the engine's time.
    const started = createMailService({
      store,
      dataDir: options.dataDir,
      clock: runtime.clock,
      env: options.env,
      secrets: options.secrets?.(store),
      ingest: (events) => void runtime.engine.ingest(events),
    });
    mail = started;
    registerMailHandlers(registry, { store, mail: started });
    const reports = createReportRunner({
      file: store.file,
      nativeBinding: options.nativeBinding,
      inline: { reports: store.reports, journeys: store.journeys },
    });
    closeReports = () => reports.close();
    registerMetricsHandlers(registry, { settings: storedActivation(store.meta), events, reports });
    registerDeliverabilityHandlers(registry, {
      store,
      mail: started,
      clock: runtime.clock,
      env: options.env ?? process.env,
    });
    // The engine renders each email's unsubscribe link and default From; the sender wakes on new rows.
    const applyMailConfig = () => {
      const from = started.defaultFrom();
      runtime.engine.setConfig({
        unsubscribeUrl: (userId) => started.links.urlFor(userId),
        ...(from ? { defaultFrom: from } : {}),
      });
    };
    applyMailConfig();
    // Suppressed addresses are skipped by the interpreter in every journey (reason bounced or
    // complained), and `email_bounced` / `email_complained` events suppress before they are applied.
    wireSuppressions(runtime.engine, started.suppressions);
    started.suppressions.onChange(coalesce(() => events.emit('mail.suppressions.changed', {})));
    started.onReconfigure(applyMailConfig);
    runtime.onOutbox(() => started.sender.poke());
    // An unsubscribe becomes a trait through the engine, so the interpreter skips the user with
    // reason `unsubscribed` in every journey, and the trace shows when and why.
    started.onUnsubscribe((userId, reason) => {
      const at = runtime.clock.now();
      runtime.engine.ingest([
        {
          type: 'identify',
          userId,
          timestamp: at,
          traits: { unsubscribed: true, unsubscribe_reason: reason },
          messageId: `unsubscribe:${userId}:${at}`,
        },
      ]);
    });
    const jobs = createReplayJobs({
      dataDir: options.dataDir,
      size: () => store.history.approximateSize(),
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    closeJobs = () => jobs.close();
    registerReplayHandlers(registry, {
      journeys: store.journeys,
      jobs,
      events,
      config: () => runtime.engine.config(),
      pace: () => readSendingRate(store.meta),
      now: () => runtime.clock.now(),
    });
    const missing = registry.missing();
    if (missing.length > 0) throw new Error(`No handler registered for: ${missing.join(', ')}`);

    const adminToken = resolveAdminToken(store.meta, options.env ?? process.env);
    let closing: Promise<void> | undefined;
    return {
      adminToken: () => adminToken,
      dataDir: options.dataDir,
      store,
      registry,
      events,
      runtime,
      mail: started,
      close: () => {
        closing ??= (async () => {
          runtime.close();
          await closeJobs();
          await closeValidator();
          await closeReports();
          await started.close();
          store.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    // A core that fails half-way (a bad variable, a handler missing) must not leave its scheduler
    // or background checks running against a closed database.
    startedRuntime?.close();
    void closeValidator();
    void closeJobs();
    void closeReports();
    if (mail) void mail.close().finally(() => store.close());
    else store.close();
    throw error;
  }
}
