import { FUNNEL_STEPS, type FunnelGroup, type FunnelGroupDetails, type FunnelStep, NO_VALUE_KEY } from './funnel-types';
import { type FunnelUser, measureUser } from './funnel-user';
import { medianAndP90 } from './percentile';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
/** 1970-01-01 was a Thursday: weeks start on Monday, 4 days later. */
const MONDAY_OFFSET = 4 * DAY;

/** The histogram of time from sign-up to connecting. */
const CONNECT_BUCKETS: { label: string; fromMs: number; toMs: number | null }[] = [
  { label: 'under 1 h', fromMs: Number.NEGATIVE_INFINITY, toMs: HOUR },
  { label: '1–6 h', fromMs: HOUR, toMs: 6 * HOUR },
  { label: '6–24 h', fromMs: 6 * HOUR, toMs: DAY },
  { label: '1–3 d', fromMs: DAY, toMs: 3 * DAY },
  { label: '3–7 d', fromMs: 3 * DAY, toMs: 7 * DAY },
  { label: '1–2 w', fromMs: 7 * DAY, toMs: 14 * DAY },
  { label: 'over 2 w', fromMs: 14 * DAY, toMs: null },
];

const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** The Monday (UTC) starting the week of `ms`, as YYYY-MM-DD. */
export function weekOf(ms: number): string {
  const monday = Math.floor((ms - MONDAY_OFFSET) / WEEK) * WEEK + MONDAY_OFFSET;
  return new Date(monday).toISOString().slice(0, 10);
}

/** One group's running totals; users are added one at a time and never kept. */
class GroupTally {
  started = 0;
  connected = 0;
  readonly signupToConnected: number[] = [];
  readonly steps = FUNNEL_STEPS.map(() => 0);
  readonly gaps: number[][] = FUNNEL_STEPS.slice(1).map(() => []);
  errorUsers = 0;
  errorRepeaters = 0;
  testUsers = 0;
  testSuccesses = 0;
  connectedActivated = 0;
  notConnectedActivated = 0;
  troubleshootingSent = 0;
  troubleshootingRepeated = 0;
  promptSent = 0;
  promptTested = 0;
  readonly weeks = new Map<string, { started: number; connected: number }>();

  constructor(readonly key: string) {}

  add(user: FunnelUser, activationEvent: string | null): void {
    const m = measureUser(user, activationEvent);
    this.started++;
    const connected = m.connectedAt !== null;
    if (connected) this.connected++;
    if (m.signupToConnectedMs !== null) this.signupToConnected.push(m.signupToConnectedMs);
    m.stepAt.forEach((at, i) => {
      if (at === null) return;
      this.steps[i] = (this.steps[i] ?? 0) + 1;
      const next = m.stepAt[i + 1];
      if (next !== undefined && next !== null && next >= at) this.gaps[i]?.push(next - at);
    });
    if (m.sawError) this.errorUsers++;
    if (m.repeatedError) this.errorRepeaters++;
    if (m.sentTest) this.testUsers++;
    if (m.testSucceeded) this.testSuccesses++;
    if (m.activated && connected) this.connectedActivated++;
    if (m.activated && !connected) this.notConnectedActivated++;
    if (m.troubleshootingRepeated !== null) {
      this.troubleshootingSent++;
      if (m.troubleshootingRepeated) this.troubleshootingRepeated++;
    }
    if (m.testedAfterPrompt !== null) {
      this.promptSent++;
      if (m.testedAfterPrompt) this.promptTested++;
    }
    const week = weekOf(user.start);
    const totals = this.weeks.get(week) ?? { started: 0, connected: 0 };
    totals.started++;
    if (connected) totals.connected++;
    this.weeks.set(week, totals);
  }

  group(activationEvent: string | null): FunnelGroup {
    const notConnected = this.started - this.connected;
    return {
      key: this.key,
      started: this.started,
      connected: this.connected,
      start_to_connected_rate: rate(this.connected, this.started),
      signup_to_connected_ms: medianAndP90(this.signupToConnected),
      steps: FUNNEL_STEPS.map((event, i) => ({ event, users: this.steps[i] ?? 0 })),
      error_recurrence_rate: rate(this.errorRepeaters, this.errorUsers),
      test_event_success_rate: rate(this.testSuccesses, this.testUsers),
      activation: {
        completed: activationEvent === null ? null : rate(this.connectedActivated, this.connected),
        not_completed: activationEvent === null ? null : rate(this.notConnectedActivated, notConnected),
      },
    };
  }

  details(activationEvent: string | null): FunnelGroupDetails {
    return {
      key: this.key,
      stepGaps: FUNNEL_STEPS.slice(1).map((to, i) => ({
        from: FUNNEL_STEPS[i] as FunnelStep,
        to,
        users: this.gaps[i]?.length ?? 0,
        medianMs: medianAndP90(this.gaps[i] ?? []).median,
      })),
      timeToConnect: CONNECT_BUCKETS.map((bucket) => ({
        label: bucket.label,
        fromMs: Number.isFinite(bucket.fromMs) ? bucket.fromMs : 0,
        toMs: bucket.toMs,
        users: this.signupToConnected.filter((ms) => ms >= bucket.fromMs && (bucket.toMs === null || ms < bucket.toMs))
          .length,
      })),
      weekly: [...this.weeks.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([week, t]) => ({ week, started: t.started, connected: t.connected, rate: rate(t.connected, t.started) })),
      errors: { users: this.errorUsers, repeated: this.errorRepeaters },
      tests: { users: this.testUsers, succeeded: this.testSuccesses },
      troubleshooting: {
        sent: this.troubleshootingSent,
        repeated: this.troubleshootingRepeated,
        rate: rate(this.troubleshootingRepeated, this.troubleshootingSent),
      },
      testPrompt: { sent: this.promptSent, tested: this.promptTested, rate: rate(this.promptTested, this.promptSent) },
      activation: {
        event: activationEvent,
        connected: this.connected,
        connectedActivated: this.connectedActivated,
        notConnected: this.started - this.connected,
        notConnectedActivated: this.notConnectedActivated,
      },
    };
  }
}

/**
 * Adds up cohort users into groups, one user at a time: memory grows with the groups and the
 * connected users' times, never with events. Groups come out sorted by key.
 * @example const tally = new FunnelTally(null, true); tally.add('all', user); tally.groups()
 */
export class FunnelTally {
  private readonly byKey = new Map<string, GroupTally>();

  /** `alwaysAll`: without a breakdown the one group `all` exists even when nobody started. */
  constructor(
    private readonly activationEvent: string | null,
    alwaysKey: string | null,
  ) {
    if (alwaysKey !== null) this.byKey.set(alwaysKey, new GroupTally(alwaysKey));
  }

  add(key: string | null, user: FunnelUser): void {
    const name = key === null || key === '' ? NO_VALUE_KEY : key;
    let group = this.byKey.get(name);
    if (!group) {
      group = new GroupTally(name);
      this.byKey.set(name, group);
    }
    group.add(user, this.activationEvent);
  }

  private sorted(): GroupTally[] {
    return [...this.byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  groups(): FunnelGroup[] {
    return this.sorted().map((g) => g.group(this.activationEvent));
  }

  details(): FunnelGroupDetails[] {
    return this.sorted().map((g) => g.details(this.activationEvent));
  }
}
