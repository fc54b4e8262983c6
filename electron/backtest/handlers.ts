import { ApiHandlerError } from '../../shared/api/errors';
import type { EngineConfig } from '../../shared/engine/types';
import type { Journey } from '../../shared/journey/schema';
import type { EventBus } from '../api/events';
import { type HandlerRegistry, registerAll } from '../api/registry';
import { parseStoredJourney } from '../journeys/canonical';
import type { JourneyStore } from '../journeys/journey-store';
import type { SendingRate } from '../mail/settings/sending-rate';
import type { ReplayJobs } from './replay-jobs';

export interface ReplayHandlerDeps {
  journeys: JourneyStore;
  jobs: ReplayJobs;
  events: EventBus;
  /** The engine's configuration now: the backtest and forecast use its cap across journeys. */
  config: () => Pick<EngineConfig, 'globalCap'>;
  /** Settings → Sending rate, for the forecast. */
  pace: () => SendingRate;
  /** The forecast's "now". */
  now: () => number;
}

/** backtest.run, forecast.run and replay.cancel: replays (on worker threads with SQLite), progress as pushes. */
export function registerReplayHandlers(registry: HandlerRegistry, deps: ReplayHandlerDeps): void {
  const progress = (jobId: string) => (p: { done: number; total: number }) =>
    deps.events.emit('replay.progress', { jobId, done: p.done, total: p.total });
  registerAll(registry, {
    'backtest.run': async ({ jobId, journey, from, to }) => {
      const live = await liveVersion(deps.journeys, journey.id);
      const result = await deps.jobs.run(
        jobId,
        { kind: 'backtest', journeys: live ? [journey, live] : [journey], window: { from, to }, config: cap(deps) },
        progress(jobId),
      );
      if (!result) return { status: 'cancelled' as const };
      if (result.kind !== 'backtest') throw new Error('the backtest answered with another kind of result');
      const [draft, counts] = result.counts;
      if (!draft) throw new Error('the backtest returned no counts');
      return { status: 'done' as const, draft, live: counts ?? null };
    },
    'forecast.run': async ({ jobId, days }) => {
      const job = { kind: 'forecast' as const, now: deps.now(), days, config: cap(deps), pace: deps.pace() };
      const result = await deps.jobs.run(jobId, job, progress(jobId));
      if (!result) return { status: 'cancelled' as const };
      if (result.kind !== 'forecast') throw new Error('the forecast answered with another kind of result');
      return { status: 'done' as const, forecast: result.forecast };
    },
    'replay.cancel': ({ jobId }) => ({ cancelled: deps.jobs.cancel(jobId) }),
  });
}

const cap = (deps: ReplayHandlerDeps) => ({ globalCap: deps.config().globalCap });

/** The newest published version of a journey, if it was ever published. */
async function liveVersion(journeys: JourneyStore, id: string): Promise<Journey | undefined> {
  const stored = await journeys.get(id);
  const version = stored?.summary.latestVersion;
  if (!version) return undefined;
  const row = await journeys.getVersion(id, version);
  if (!row) throw new ApiHandlerError('not_found', `Version ${version} of journey "${id}" is gone`);
  return parseStoredJourney(row.json);
}
