import {
  CONNECTED_EVENT,
  ERROR_EVENT,
  FUNNEL_STEPS,
  SYNC_EVENT,
  TEST_EVENT,
  TEST_SUCCESS_WINDOW_MS,
} from './funnel-types';

/** One stored event of a cohort user, as the funnel needs it. */
export interface FunnelEvent {
  name: string;
  ts: number;
  /** The `error_code` property of a setup_error_seen; null when it has none. */
  errorCode: string | null;
}

/** One user of the cohort: their first integration_started and what they did from then on. */
export interface FunnelUser {
  /** Time of the user's first stored integration_started. */
  start: number;
  /** The createdAt trait as a time, or null when missing or unreadable. */
  createdAt: number | null;
  /** Their events; any before `start` are ignored. */
  events: readonly FunnelEvent[];
  /** When they were first sent a troubleshooting email at or after `start`. */
  troubleshootingEmailAt?: number | null;
  /** When they were first sent a test-prompt email at or after `start`. */
  testPromptEmailAt?: number | null;
}

/** What one user contributes to the funnel. */
export interface UserMeasures {
  /** First time of each FUNNEL_STEPS event at or after start (null: never). */
  stepAt: (number | null)[];
  connectedAt: number | null;
  signupToConnectedMs: number | null;
  sawError: boolean;
  repeatedError: boolean;
  sentTest: boolean;
  testSucceeded: boolean;
  activated: boolean;
  /** null: got no troubleshooting email. */
  troubleshootingRepeated: boolean | null;
  /** null: got no test-prompt email. */
  testedAfterPrompt: boolean | null;
}

const firstAtOrAfter = (events: readonly FunnelEvent[], names: readonly string[], from: number, to = Infinity) => {
  let best: number | null = null;
  for (const e of events) {
    if (e.ts >= from && e.ts <= to && names.includes(e.name) && (best === null || e.ts < best)) best = e.ts;
  }
  return best;
};

/**
 * Measures one cohort user by the report's definitions ("after start" = at or after the first
 * integration_started). Pure: the same answers whether the events come from SQLite or a test.
 * @example measureUser({ start: 0, createdAt: null, events: [{ name: 'integration_connected', ts: 5, errorCode: null }] }, null).connectedAt // 5
 */
export function measureUser(user: FunnelUser, activationEvent: string | null): UserMeasures {
  const after = user.events.filter((e) => e.ts >= user.start);
  const stepAt = FUNNEL_STEPS.map((step, i) => (i === 0 ? user.start : firstAtOrAfter(after, [step], user.start)));
  const connectedAt = firstAtOrAfter(after, [CONNECTED_EVENT], user.start);
  const errors = after.filter((e) => e.name === ERROR_EVENT);
  const codeCounts = new Map<string, number>();
  for (const e of errors) if (e.errorCode !== null) codeCounts.set(e.errorCode, (codeCounts.get(e.errorCode) ?? 0) + 1);
  const firstTest = firstAtOrAfter(after, [TEST_EVENT], user.start);
  const success =
    firstTest !== null &&
    firstAtOrAfter(after, [CONNECTED_EVENT, SYNC_EVENT], firstTest, firstTest + TEST_SUCCESS_WINDOW_MS) !== null;
  return {
    stepAt,
    connectedAt,
    signupToConnectedMs: connectedAt !== null && user.createdAt !== null ? connectedAt - user.createdAt : null,
    sawError: errors.length > 0,
    repeatedError: [...codeCounts.values()].some((n) => n >= 2),
    sentTest: firstTest !== null,
    testSucceeded: success,
    activated: activationEvent !== null && after.some((e) => e.name === activationEvent),
    troubleshootingRepeated: troubleshootingRepeated(errors, user.troubleshootingEmailAt ?? null),
    testedAfterPrompt:
      user.testPromptEmailAt == null ? null : firstAtOrAfter(after, [TEST_EVENT], user.testPromptEmailAt) !== null,
  };
}

/** Whether, after the troubleshooting email, the user saw again an error code they saw before it. */
function troubleshootingRepeated(errors: readonly FunnelEvent[], emailAt: number | null): boolean | null {
  if (emailAt === null) return null;
  const before = new Set(errors.filter((e) => e.ts < emailAt && e.errorCode !== null).map((e) => e.errorCode));
  return errors.some((e) => e.ts >= emailAt && e.errorCode !== null && before.has(e.errorCode));
}
