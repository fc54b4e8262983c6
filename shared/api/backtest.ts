import { z } from 'zod';
import { Journey } from '../journey/schema';
import { defineHandlers } from './define';

const Count = z.number().int().min(0);
/** A time the app can store: whole milliseconds between 2000 and 2100. */
const Time = z
  .number()
  .int()
  .min(Date.UTC(2000, 0, 1))
  .max(Date.UTC(2100, 0, 1));

/** The outcome types of `dripagent simulate`: the backtest counts exactly these. */
export const OutcomeType = z.enum(['enter', 'email', 'webhook', 'track', 'exit', 'skip']);

/** How many entries reached the goal: `converted` of `entered`, and the share (null with none). */
const Conversion = z.object({ entered: Count, converted: Count, rate: z.number().min(0).max(1).nullable() });

/**
 * Goal conversions, when the journey has a goal (Settings → Goal): of the entries in the period,
 * those whose goal event came at or after entering and at most `within` later (the same rule as
 * the Results tab; only events before the period's end are replayed, so it cannot count later
 * ones). `holdout` is the part of them held out from emails (with a holdout percentage), and
 * `emails` per email step the users it reached in the period (first email counts) and how many
 * of them reached the goal within the window after it.
 */
export const GoalCounts = z.object({
  event: z.string(),
  within: z.string(),
  ...Conversion.shape,
  holdout: Conversion.extend({ percent: z.number().min(0).max(100) }).nullable(),
  emails: z.array(z.object({ nodeId: z.string(), recipients: Count, converted: Count })),
});
export type GoalCounts = z.infer<typeof GoalCounts>;

/**
 * A backtest: the stored events before `to` replayed through one journey on a virtual clock, and
 * the outcomes whose time is in [from, to) counted. `users`, `by_node`, `emails_per_day`, `exits`
 * and `goal` are what `dripagent backtest --json` prints; the rest draws the counts on the canvas
 * (`reached`, `edges`) and gives the forecast its rates (`waits`).
 */
export const BacktestCounts = z.object({
  journeyId: z.string(),
  from: z.number(),
  to: z.number(),
  /** Users with at least one outcome in the period. */
  users: Count,
  by_node: z.array(z.object({ nodeId: z.string(), type: OutcomeType, count: Count })),
  /** Emails per UTC day and email node. */
  emails_per_day: z.array(z.object({ day: z.string(), nodeId: z.string(), count: Count })),
  exits: z.array(z.object({ reason: z.string(), count: Count })),
  goal: GoalCounts.nullable(),
  /** Entries per UTC day (the forecast's rate of new entries). */
  entries_per_day: z.array(z.object({ day: z.string(), count: Count })),
  /** How many times runs arrived at each node in the period. */
  reached: z.array(z.object({ nodeId: z.string(), count: Count })),
  /** How many times runs took each connection in the period. */
  edges: z.array(z.object({ edgeId: z.string(), count: Count })),
  /**
   * Runs that left a step where they were waiting (a wait, a delay, a held email): `acted` of them
   * left because the user did something (the awaited event, or an exit rule), the rest timed out;
   * `happened` of those did what the wait waits for, on average `actAfterMs` after arriving.
   */
  waits: z.array(
    z.object({ nodeId: z.string(), waited: Count, acted: Count, happened: Count, actAfterMs: z.number().min(0) }),
  ),
  /** Stored events replayed (those the journey can react to or count). */
  events: Count,
});
export type BacktestCounts = z.infer<typeof BacktestCounts>;

/** The client's name for a running job, to follow its progress and cancel it. */
export const JobId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, - or _');

/** The emails the forecast expects on one day from one email node of a live journey. */
export const ForecastDay = z.object({
  day: z.string(),
  journeyId: z.string(),
  nodeId: z.string(),
  /** If nobody acts: every pending reminder on the way goes out (the upper bound). */
  upper: z.number().min(0),
  /** With the rates at which users at each step acted in the last 30 days. */
  expected: z.number().min(0),
});
export type ForecastDay = z.infer<typeof ForecastDay>;

export const ForecastResult = z.object({
  from: z.number(),
  days: z.number().int(),
  emails_per_day: z.array(ForecastDay),
  /** The email steps of the live journeys, with their names, in journey order. */
  emails: z.array(z.object({ journeyId: z.string(), journey: z.string(), nodeId: z.string(), title: z.string() })),
  /** Users in flight (with a pending step in a live journey) when the forecast ran. */
  inFlight: Count,
  /** New entries per day assumed, per live journey (the last 14 days' daily rate). */
  entriesPerDay: z.array(z.object({ journeyId: z.string(), perDay: z.number().min(0) })),
  /** What limited sending: the cap across journeys, in words (and the sending rate, when set). */
  limits: z.array(z.string()),
});
export type ForecastResult = z.infer<typeof ForecastResult>;

/**
 * Backtests and forecasts run on a worker thread over stored history; progress arrives as the
 * `replay.progress` push, and `replay.cancel` stops a job (its call then answers `cancelled`).
 */
export const backtestApi = defineHandlers({
  /** Backtests the journey as edited (and, when it has one, its live version) over [from, to). */
  'backtest.run': {
    request: z
      .object({
        jobId: JobId,
        journey: Journey,
        from: Time,
        to: Time,
      })
      .strict()
      .refine((r) => r.from < r.to, { message: 'from must be before to', path: ['to'] }),
    response: z.discriminatedUnion('status', [
      z.object({ status: z.literal('done'), draft: BacktestCounts, live: BacktestCounts.nullable() }),
      z.object({ status: z.literal('cancelled') }),
    ]),
  },
  /** The emails per day and per email node of the live journeys over the next `days` days. */
  'forecast.run': {
    request: z.object({ jobId: JobId, days: z.number().int().min(1).max(90).default(14) }).strict(),
    response: z.discriminatedUnion('status', [
      z.object({ status: z.literal('done'), forecast: ForecastResult }),
      z.object({ status: z.literal('cancelled') }),
    ]),
  },
  'replay.cancel': {
    request: z.object({ jobId: JobId }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  },
});
