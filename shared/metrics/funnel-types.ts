/**
 * The setup funnel report: the seed's six metrics for the users who started an integration in a
 * period. The snake_case names are a contract (`dripagent report funnel --json`, its CSV and the
 * Metrics view print them; other tools compare against them).
 */

/** The funnel's steps, in the order the seed lists them. */
export const FUNNEL_STEPS = [
  'integration_started',
  'api_key_created',
  'domain_verified',
  'test_event_sent',
  'integration_connected',
] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

export const START_EVENT = 'integration_started';
export const CONNECTED_EVENT = 'integration_connected';
export const SYNC_EVENT = 'sync_completed';
export const ERROR_EVENT = 'setup_error_seen';
export const TEST_EVENT = 'test_event_sent';
/** How long after a user's first test event a connection or sync still counts as its success. */
export const TEST_SUCCESS_WINDOW_MS = 24 * 3_600_000;
/** The group key of users without a value for the breakdown, and the key without a breakdown. */
export const NO_VALUE_KEY = '(none)';
export const ALL_KEY = 'all';

export interface FunnelGroup {
  key: string;
  started: number;
  connected: number;
  start_to_connected_rate: number | null;
  signup_to_connected_ms: { median: number | null; p90: number | null };
  steps: { event: FunnelStep; users: number }[];
  error_recurrence_rate: number | null;
  test_event_success_rate: number | null;
  activation: { completed: number | null; not_completed: number | null };
}

export interface FunnelReport {
  from: string;
  to: string;
  by: string | null;
  groups: FunnelGroup[];
}

/** What the Metrics view draws beyond the contract: step timing, histogram, weekly trend, email follow-ups. */
export interface FunnelGroupDetails {
  key: string;
  /** Median time from each step to the next one, over users who took both in that order. */
  stepGaps: { from: FunnelStep; to: FunnelStep; users: number; medianMs: number | null }[];
  /** Connected users with a sign-up time, by how long they took from sign-up to connecting. */
  timeToConnect: { label: string; fromMs: number; toMs: number | null; users: number }[];
  /** By the week (Monday, UTC) of the user's first integration_started. */
  weekly: { week: string; started: number; connected: number; rate: number | null }[];
  errors: { users: number; repeated: number };
  tests: { users: number; succeeded: number };
  /** Users sent a troubleshooting email after starting; `repeated`: saw an error code again after it that they had seen before it. */
  troubleshooting: { sent: number; repeated: number; rate: number | null };
  /** Users sent a test-prompt email after starting; `tested`: sent a test event after it. */
  testPrompt: { sent: number; tested: number; rate: number | null };
  activation: {
    event: string | null;
    connected: number;
    connectedActivated: number;
    notConnected: number;
    notConnectedActivated: number;
  };
}

export interface FunnelDetails {
  groups: FunnelGroupDetails[];
}
