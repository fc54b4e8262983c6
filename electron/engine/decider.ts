import type { InterpreterContext } from '../../shared/engine/interpreter';
import { DEFAULT_ENGINE_CONFIG, type EngineConfig, type Outcome } from '../../shared/engine/types';
import type { LiveJourneys } from './live-journeys';
import type { WritesContext } from './user-writes';

/**
 * What every live engine decides with, whichever store it writes to: the interpreter's context
 * (the live journeys and the app's settings) and how its effects become rows.
 */
export interface Decider {
  context(): InterpreterContext;
  writes: WritesContext;
  config(): EngineConfig;
  setConfig(config: Partial<EngineConfig>): void;
  /** Takes new live journeys or settings into the context. */
  refresh(): void;
}

export function createDecider(live: LiveJourneys, initial: Partial<EngineConfig> = {}): Decider {
  let config: EngineConfig = { ...DEFAULT_ENGINE_CONFIG, ...initial };
  let context: InterpreterContext = live.context(config);
  /**
   * How each live journey's emails are tracked, where it differs from the default (links tracked,
   * no pixel). Worked out when the journeys change, not for every email.
   */
  let tracking = trackingByJourney(live);
  const trackingOf = (journeyId: string) => tracking.get(journeyId) ?? NO_TRACKING;
  /**
   * A skipped email or webhook (kept for the journey's results), as opposed to a trigger that did
   * not let the user in (already in the journey, not eligible…), which happens on every repeat event.
   */
  const isSendSkip = (outcome: Outcome) =>
    outcome.type === 'skip' &&
    context.journeys.find((j) => j.journey.id === outcome.journeyId)?.nodes.get(outcome.nodeId)?.type !== 'trigger';
  const refresh = () => {
    context = live.context(config);
    tracking = trackingByJourney(live);
  };
  return {
    context: () => context,
    writes: {
      isSendSkip,
      emailPayload: (effect, traits) => ({
        kind: 'email',
        to: String(traits.email ?? ''),
        from: effect.email.from ?? config.defaultFrom,
        ...(effect.email.replyTo ? { replyTo: effect.email.replyTo } : {}),
        subject: effect.email.subject,
        html: effect.email.html,
        text: effect.email.text,
        ...trackingOf(effect.journeyId),
      }),
    },
    config: () => config,
    setConfig: (next) => {
      config = { ...config, ...next };
      refresh();
    },
    refresh,
  };
}

const NO_TRACKING = {};

function trackingByJourney(live: LiveJourneys): Map<string, { tracking: { clicks: boolean; opens: boolean } }> {
  const byJourney = new Map<string, { tracking: { clicks: boolean; opens: boolean } }>();
  for (const { journey } of live.current()) {
    const tracking = journey.settings.tracking;
    if (tracking && (!tracking.clicks || tracking.opens)) byJourney.set(journey.id, { tracking });
  }
  return byJourney;
}
