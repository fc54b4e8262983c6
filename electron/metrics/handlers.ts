import { ApiHandlerError } from '../../shared/api/errors';
import type { EventBus } from '../api/events';
import { type HandlerRegistry, registerAll } from '../api/registry';
import type { Store } from '../store';
import type { Progress } from './funnel-report';
import { activationEventOf, rememberActivationEvent } from './metrics-settings';
import type { ReportRunner } from './report-runner';

export interface MetricsHandlerDeps {
  store: Store;
  events: EventBus;
  reports: ReportRunner;
}

/** metrics.*: the setup funnel, a journey's results and event health, run by the report worker. */
export function registerMetricsHandlers(registry: HandlerRegistry, deps: MetricsHandlerDeps): void {
  const { store, events, reports } = deps;
  const progressOf = (requestId: string | undefined): Progress | undefined =>
    requestId === undefined ? undefined : (done, total) => events.emit('metrics.progress', { requestId, done, total });
  registerAll(registry, {
    'metrics.funnel': async ({ from, to, by, activationEvent, requestId }) => {
      const activation = activationEvent === undefined ? activationEventOf(store.meta) : activationEvent;
      const result = await reports.run(
        { kind: 'funnel', query: { from, to, by, activationEvent: activation } },
        progressOf(requestId),
      );
      return { ...result, activationEvent: activation };
    },
    'metrics.activation.set': ({ event }) => {
      rememberActivationEvent(store.meta, event);
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
