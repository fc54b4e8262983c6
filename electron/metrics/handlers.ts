import { ApiHandlerError } from '../../shared/api/errors';
import type { EventBus } from '../api/events';
import { type HandlerRegistry, registerAll } from '../api/registry';
import type { MetaRepo } from '../store';
import type { Awaitable } from '../store/awaitable';
import type { Progress } from './funnel-report';
import { activationEventOf, rememberActivationEvent } from './metrics-settings';
import type { ReportRunner } from './report-runner';

export interface MetricsHandlerDeps {
  /** Where the activation event chosen in the Metrics view is kept (the data folder's or the database's settings). */
  settings: ActivationSetting;
  events: EventBus;
  reports: Pick<ReportRunner, 'run'>;
}

/** The activation event as the Metrics view remembers it. */
export interface ActivationSetting {
  get(): Awaitable<string | null>;
  set(event: string | null): Awaitable<void>;
}

/** The activation event kept in the data folder's settings. */
export const storedActivation = (meta: MetaRepo): ActivationSetting => ({
  get: () => activationEventOf(meta),
  set: (event) => rememberActivationEvent(meta, event),
});

/** metrics.*: the setup funnel, a journey's results and event health, run by the report worker. */
export function registerMetricsHandlers(registry: HandlerRegistry, deps: MetricsHandlerDeps): void {
  const { settings, events, reports } = deps;
  const progressOf = (requestId: string | undefined): Progress | undefined =>
    requestId === undefined ? undefined : (done, total) => events.emit('metrics.progress', { requestId, done, total });
  registerAll(registry, {
    'metrics.funnel': async ({ from, to, by, activationEvent, requestId }) => {
      const activation = activationEvent === undefined ? await settings.get() : activationEvent;
      const result = await reports.run(
        { kind: 'funnel', query: { from, to, by, activationEvent: activation } },
        progressOf(requestId),
      );
      return { ...result, activationEvent: activation };
    },
    'metrics.activation.set': async ({ event }) => {
      await settings.set(event);
      return { event };
    },
    'metrics.journey': async ({ journeyId, from, to }) => {
      const results = await reports.run({ kind: 'journey', query: { journeyId, from, to } });
      if (!results) throw new ApiHandlerError('not_found', `There is no journey "${journeyId}"`);
      return results;
    },
    'metrics.events': ({ from, to }) => reports.run({ kind: 'events', period: { from, to } }),
  });
}
