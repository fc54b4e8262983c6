import type { ForecastDay, ForecastResult } from '../../shared/api/backtest';
import { type CompiledJourney, compileJourney } from '../../shared/engine/compile';
import { staticContext } from '../../shared/engine/interpreter';
import {
  DEFAULT_ENGINE_CONFIG,
  type EngineConfig,
  emptyUserState,
  type UserEvent,
  type UserState,
} from '../../shared/engine/types';
import { createLiveJourneys, type LiveJourneySource } from '../engine/live-journeys';
import { loadUserState } from '../engine/user-states';
import { NO_RATE_LIMIT, type SendingRate } from '../mail/settings/sending-rate';
import type { RowStream } from '../store/awaitable';
import type { HistorySource } from '../store/history-repo';
import type { ReadOnlyStore } from '../store/read-only-store';
import { type AddEmail, exploreForward, type RatesOf, type StepRates } from './forward';
import { replayHistory } from './replay-history';
import { applySendingPace, type MinuteBuckets } from './sending-pace';
import { createBacktestTally, type Entry } from './tally';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** The rates at which users act come from this much history; new entries from the last 14 days. */
const RATE_DAYS = 30;
const ENTRY_DAYS = 14;
/** Recent entrants kept as models for new ones, per journey. */
const MODELS = 500;

/** What a forecast reads, on either store (storeForecastSource for SQLite, pgForecastSource). */
export interface ForecastSource extends LiveJourneySource {
  history: HistorySource;
  /** Each user with an active run in any of these journeys, once, as the interpreter's state. */
  inFlight(journeyIds: readonly string[]): RowStream<UserState>;
}

export interface ForecastInput {
  source: ForecastSource;
  now: number;
  days: number;
  config?: Partial<EngineConfig>;
  /** Settings → Sending rate (readSendingRate); none by default. */
  pace?: SendingRate;
  onProgress?: (progress: { done: number; total: number }) => void;
  shouldStop?: () => boolean;
}

/** What the forecast learned from the last 30 days of one journey. */
interface History {
  /** Per waiting step: how often and how soon people acted there. */
  rates: Map<string, StepRates>;
  entriesPerDay: number;
  models: Entry[];
}

/**
 * A data folder's forecast source: its users in flight journey by journey, each read as the
 * engine reads them.
 */
export function storeForecastSource(
  store: Pick<ReadOnlyStore, 'history' | 'journeys' | 'runs' | 'profiles' | 'events' | 'outbox'>,
): ForecastSource {
  return {
    journeys: store.journeys,
    history: store.history,
    *inFlight(journeyIds) {
      const seen = new Set<string>();
      for (const journeyId of journeyIds) {
        for (const userId of store.runs.activeUsers(journeyId)) {
          if (seen.has(userId)) continue;
          seen.add(userId);
          yield loadUserState(store, userId).state;
        }
      }
    },
  };
}

/**
 * The emails per day and per email node of the live journeys over the next `days` days: the
 * in-flight users' pending steps run forward on a virtual clock with nobody acting (an upper
 * bound); the expected count weighs each email by the chance the user had not acted by then, from
 * the rates at which users at each step acted in the last 30 days (a backtest); new entries come
 * at the last 14 days' daily rate, modelled on recent entrants. Everything runs THE user loop, so
 * caps and quiet hours apply as live; the sending rate limit is applied last. Null when stopped.
 * @example (await forecast({ source: storeForecastSource(store), now: Date.now(), days: 14 }))?.emails_per_day
 */
export async function forecast(input: ForecastInput): Promise<ForecastResult | null> {
  const { source, now, days } = input;
  const config: EngineConfig = { ...DEFAULT_ENGINE_CONFIG, ...input.config };
  const live = createLiveJourneys(source);
  const running = live.current().filter((c) => c.accepting);
  const histories = await learn(input, running, config);
  if (!histories) return null;
  const horizon = now + days * DAY;
  const buckets = { upper: new Map() as MinuteBuckets, expected: new Map() as MinuteBuckets };
  const add: AddEmail = (at, journeyId, nodeId, chance, upper) => {
    const minute = Math.floor(Math.max(at, now) / MINUTE) * MINUTE;
    if (minute >= horizon) return;
    const key = `${journeyId}\u0000${nodeId}`;
    if (upper) addTo(buckets.upper, minute, key, 1);
    addTo(buckets.expected, minute, key, chance);
  };

  // The users in flight, each from their stored state, with nobody acting.
  const context = live.context(config);
  const ratesOf: RatesOf = (journeyId, nodeId) => histories.get(journeyId)?.rates.get(nodeId);
  let inFlight = 0;
  for await (const state of source.inFlight(live.current().map((c) => c.journey.id))) {
    if (input.shouldStop?.()) return null;
    inFlight++;
    exploreForward(context, state, [], horizon, ratesOf, add);
  }

  // New entrants at the recent daily rate, each a copy of a recent entrant, in the journey alone.
  const entriesPerDay: ForecastResult['entriesPerDay'] = [];
  for (const compiled of running) {
    const history = histories.get(compiled.journey.id);
    if (!history) continue;
    entriesPerDay.push({ journeyId: compiled.journey.id, perDay: round(history.entriesPerDay, 2) });
    const alone = staticContext([compileJourney(compiled.journey, compiled.version)], config);
    newEntrants(compiled, history, now, days).forEach((events, i) => {
      const userId = `forecast:${compiled.journey.id}:${i}`;
      exploreForward(alone, emptyUserState(userId), events, horizon, ratesOf, add);
    });
  }

  const pace = input.pace ?? NO_RATE_LIMIT;
  const upper = applySendingPace(buckets.upper, pace, horizon);
  const expected = applySendingPace(buckets.expected, pace, horizon);
  return {
    from: now,
    days,
    emails_per_day: perDay(upper, expected),
    emails: running.flatMap((c) =>
      c.journey.nodes
        .filter((n) => n.type === 'email')
        .map((n) => ({ journeyId: c.journey.id, journey: c.journey.name, nodeId: n.id, title: n.title ?? n.id })),
    ),
    inFlight,
    entriesPerDay,
    limits: limitsInWords(config, pace),
  };
}

/** Backtests the live journeys over the last 30 days: their act rates, entry rates and model entrants. */
async function learn(
  input: ForecastInput,
  running: readonly CompiledJourney[],
  config: EngineConfig,
): Promise<Map<string, History> | null> {
  const { now } = input;
  if (running.length === 0) return new Map();
  const since = now - ENTRY_DAYS * DAY;
  const recent = new Map<string, Entry[]>();
  const counted = new Map<string, number>();
  const tallies = running.map((compiled) => {
    const id = compiled.journey.id;
    return createBacktestTally(
      compiled.journey,
      { from: now - RATE_DAYS * DAY, to: now },
      { globalCap: config.globalCap },
      {
        onEntry: (entry) => {
          if (entry.at < since) return;
          counted.set(id, (counted.get(id) ?? 0) + 1);
          const models = recent.get(id) ?? [];
          if (models.length < MODELS) models.push(entry);
          recent.set(id, models);
        },
      },
    );
  });
  const finished = await replayHistory(input.source.history, tallies, now, {
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
    ...(input.shouldStop ? { shouldStop: input.shouldStop } : {}),
  });
  if (!finished) return null;
  const histories = new Map<string, History>();
  for (const tally of tallies) {
    const counts = tally.counts();
    const events = tally.actEvents();
    const rates = new Map(
      counts.waits.map((w): [string, StepRates] => [
        w.nodeId,
        {
          acted: w.waited > 0 ? w.acted / w.waited : 0,
          happened: w.waited > 0 ? w.happened / w.waited : 0,
          actAfterMs: w.actAfterMs,
          event: events.get(w.nodeId),
        },
      ]),
    );
    histories.set(counts.journeyId, {
      rates,
      entriesPerDay: (counted.get(counts.journeyId) ?? 0) / ENTRY_DAYS,
      models: recent.get(counts.journeyId) ?? [],
    });
  }
  return histories;
}

/**
 * The entries of the next days at the recent daily rate, spread evenly over each day, each the
 * profile and trigger of a recent entrant (in turn).
 */
function newEntrants(compiled: CompiledJourney, history: History, now: number, days: number): UserEvent[][] {
  if (history.models.length === 0 || history.entriesPerDay <= 0) return [];
  const out: UserEvent[][] = [];
  for (let day = 0; day < days; day++) {
    const count = Math.round(history.entriesPerDay * (day + 1)) - Math.round(history.entriesPerDay * day);
    for (let i = 0; i < count; i++) {
      const model = history.models[out.length % history.models.length] as Entry;
      const at = now + day * DAY + Math.floor(((i + 0.5) / count) * DAY);
      const userId = `forecast:${compiled.journey.id}:${out.length}`;
      out.push([
        {
          type: 'identify',
          userId,
          timestamp: at,
          traits: shiftTimes(model.traits, at - model.at),
          messageId: `${userId}:profile`,
        },
        { ...model.event, userId, timestamp: at, messageId: `${userId}:entry` },
      ]);
    }
  }
  return out;
}

/**
 * A model's traits for a copy entering `delta` later: times (sign-up, say) move with it, so a rule
 * such as "within 1 hour of sign-up" judges the copy as it judged the model.
 */
function shiftTimes(traits: Record<string, unknown>, delta: number): Record<string, unknown> {
  const shifted: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(traits)) {
    const at = typeof value === 'string' && ISO_TIME.test(value) ? Date.parse(value) : Number.NaN;
    shifted[key] = Number.isNaN(at) ? value : new Date(at + delta).toISOString();
  }
  return shifted;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function addTo(buckets: MinuteBuckets, minute: number, key: string, amount: number): void {
  const row = buckets.get(minute) ?? new Map<string, number>();
  row.set(key, (row.get(key) ?? 0) + amount);
  buckets.set(minute, row);
}

/** Minute buckets summed per UTC day and email node. */
function perDay(upper: MinuteBuckets, expected: MinuteBuckets): ForecastDay[] {
  const rows = new Map<string, ForecastDay>();
  const sum = (buckets: MinuteBuckets, field: 'upper' | 'expected') => {
    for (const [minute, keys] of buckets) {
      const day = new Date(Math.floor(minute / DAY) * DAY).toISOString().slice(0, 10);
      for (const [key, amount] of keys) {
        const [journeyId, nodeId] = key.split('\u0000') as [string, string];
        const id = `${day}\u0000${key}`;
        const row = rows.get(id) ?? { day, journeyId, nodeId, upper: 0, expected: 0 };
        row[field] += amount;
        rows.set(id, row);
      }
    }
  };
  sum(upper, 'upper');
  sum(expected, 'expected');
  return [...rows.values()]
    .map((r) => ({ ...r, upper: round(r.upper, 2), expected: round(r.expected, 2) }))
    .filter((r) => r.upper > 0 || r.expected > 0)
    .sort(
      (a, b) =>
        a.day.localeCompare(b.day) || a.journeyId.localeCompare(b.journeyId) || a.nodeId.localeCompare(b.nodeId),
    );
}

function limitsInWords(config: EngineConfig, pace: SendingRate): string[] {
  const words = [
    config.globalCap
      ? `At most ${config.globalCap.max} emails per person per ${config.globalCap.per} across journeys.`
      : 'No cap across journeys.',
  ];
  const emails = (n: number) => `${n.toLocaleString('en-US')} email${n === 1 ? '' : 's'}`;
  if (pace.perMinute !== null) words.push(`At most ${emails(pace.perMinute)} a minute (Settings → Sending rate).`);
  if (pace.perHour !== null) words.push(`At most ${emails(pace.perHour)} an hour (Settings → Sending rate).`);
  return words;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
