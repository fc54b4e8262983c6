import { isHoldout } from '../../shared/engine/holdout';
import { randomBranch } from '../../shared/engine/random-split';
import { parseDuration } from '../../shared/journey/duration';
import { Journey, type NodeOf } from '../../shared/journey/schema';
import type {
  EngagementResult,
  ExitCategory,
  HeldBackCategory,
  JourneyResults,
  MessageResult,
} from '../../shared/metrics/journey-results-types';
import { compareGroups, type GroupOutcome } from '../../shared/metrics/lift';
import { medianAndP90 } from '../../shared/metrics/percentile';
import type { JourneyStore } from '../journeys/journey-store';
import type { JourneyRows } from '../store/reports/journey-rows';

export interface JourneyQuery {
  journeyId: string;
  from: number;
  to: number;
}

/** The journey's published versions (what runs ran on) and its definition now (name and goal). */
interface Definitions {
  name: string;
  current: Journey | undefined;
  versions: Map<number, Journey>;
}

async function definitionsOf(journeys: JourneyStore, id: string): Promise<Definitions | undefined> {
  const row = await journeys.get(id);
  if (!row) return undefined;
  const versions = new Map<number, Journey>();
  for (const info of await journeys.versions(id)) {
    const stored = await journeys.getVersion(id, info.version);
    const parsed = stored ? Journey.safeParse(JSON.parse(stored.json)) : undefined;
    if (parsed?.success) versions.set(info.version, parsed.data);
  }
  let draft: Journey | undefined;
  try {
    const parsed = Journey.safeParse(JSON.parse(row.draft));
    draft = parsed.success ? parsed.data : undefined;
  } catch {
    draft = undefined;
  }
  const latest = [...versions.entries()].sort(([a], [b]) => b - a)[0]?.[1];
  return { name: row.summary.name, current: draft ?? latest, versions };
}

const HELD_BACK: Record<string, HeldBackCategory> = {
  holdout: 'holdout',
  unsubscribed: 'unsubscribed',
  bounced: 'suppressed',
  complained: 'suppressed',
  suppressed: 'suppressed',
  frequency_cap: 'cap',
  journey_cap: 'cap',
  stale: 'stale',
};

/** Sorts an exit reason into a category, by what the journey's versions say that reason is. */
function exitCategory(endReason: string | null, defs: Definitions, goalEvent: string | undefined): ExitCategory {
  if (endReason === null) return 'other';
  for (const journey of [defs.current, ...defs.versions.values()]) {
    for (const rule of journey?.exitRules ?? []) {
      if ((rule.reason ?? rule.event) === endReason) return rule.event === goalEvent ? 'goal' : 'exit_rule';
    }
    for (const node of journey?.nodes ?? []) {
      if (node.type === 'exit' && (node.config.reason ?? 'exit_node') === endReason) return 'end';
    }
  }
  return endReason === 'completed' ? 'end' : 'other';
}

class Outcomes {
  users = 0;
  converted = 0;
  readonly times: number[] = [];

  add(enteredAt: number, goalAt: number | null): void {
    this.users++;
    if (goalAt === null) return;
    this.converted++;
    this.times.push(goalAt - enteredAt);
  }

  outcome(label: string): GroupOutcome {
    return {
      label,
      users: this.users,
      converted: this.converted,
      rate: this.users > 0 ? this.converted / this.users : null,
      medianMsToGoal: medianAndP90(this.times).median,
    };
  }
}

/**
 * A journey's results: who entered, where they are and how they left, what each email did, and
 * whether the emails (against the holdout) and each random split's branches moved the goal.
 * @returns undefined when there is no such journey
 */
export async function journeyResults(
  rows: JourneyRows,
  journeys: JourneyStore,
  query: JourneyQuery,
): Promise<JourneyResults | undefined> {
  const defs = await definitionsOf(journeys, query.journeyId);
  if (!defs) return undefined;
  const { journeyId: id, from, to } = query;
  const goal = defs.current?.settings.goal ?? null;
  const windowMs = goal ? parseDuration(goal.within) : 0;

  let entered = 0;
  let active = 0;
  const exits = new Map<ExitCategory, Map<string, number>>();
  for (const row of await rows.runStatuses(id, from, to)) {
    entered += row.runs;
    if (row.status === 'active') {
      active += row.runs;
      continue;
    }
    const category = exitCategory(row.endReason, defs, goal?.event);
    const reasons = exits.get(category) ?? new Map<string, number>();
    reasons.set(row.endReason ?? 'unknown', (reasons.get(row.endReason ?? 'unknown') ?? 0) + row.runs);
    exits.set(category, reasons);
  }

  const heldBack = new Map<HeldBackCategory, { users: number; reasons: Set<string> }>();
  for (const row of await rows.skippedUsers(id, from, to)) {
    const category = HELD_BACK[row.reason] ?? 'other';
    const entry = heldBack.get(category) ?? { users: 0, reasons: new Set<string>() };
    // Users skipped for two reasons of one category (both caps) count in each: an upper bound, said in the README.
    entry.users += row.users;
    entry.reasons.add(row.reason);
    heldBack.set(category, entry);
  }

  const messages = new Map<string, MessageResult>();
  const message = (nodeId: string, kind: 'email' | 'webhook') => {
    let m = messages.get(nodeId);
    if (!m) {
      m = {
        nodeId,
        kind,
        sent: 0,
        delivered: 0,
        failed: 0,
        pending: 0,
        skipped: [],
        recipients: null,
        converted: null,
        conversion_rate: null,
        clicks: kind === 'email' ? { people: 0, count: 0, prefetches: 0, rate: null, links: [] } : null,
        opens: null,
      };
      messages.set(nodeId, m);
    }
    return m;
  };
  for (const row of await rows.messages(id, from, to)) {
    const m = message(row.nodeId, row.kind);
    m.sent += row.count;
    if (row.status === 'sent') m.delivered += row.count;
    else if (row.status === 'failed') m.failed += row.count;
    else m.pending += row.count;
  }
  const kindOf = (nodeId: string) =>
    defs.current?.nodes.find((n) => n.id === nodeId)?.type === 'webhook' ? 'webhook' : 'email';
  for (const row of await rows.skips(id, from, to))
    message(row.nodeId, kindOf(row.nodeId)).skipped.push({ reason: row.reason, count: row.count });
  if (goal) {
    for (const row of await rows.emailConversion(id, from, to, goal.event, windowMs)) {
      const m = message(row.nodeId, 'email');
      m.recipients = row.recipients;
      m.converted = row.converted;
      m.conversion_rate = row.recipients > 0 ? row.converted / row.recipients : null;
    }
  }

  await addEngagement(rows, query, message);
  engagementRates(messages.values());

  const holdoutPercents = [...defs.versions.values()].map((j) => j.settings.holdoutPercent ?? 0);
  const percent = defs.current?.settings.holdoutPercent ?? 0;
  const hasHoldout = holdoutPercents.some((p) => p > 0) || percent > 0;
  const splitNodes = new Map<string, NodeOf<'random_split'>>();
  for (const journey of [defs.current, ...defs.versions.values()]) {
    for (const node of journey?.nodes ?? [])
      if (node.type === 'random_split' && !splitNodes.has(node.id)) splitNodes.set(node.id, node);
  }
  const emailed = new Outcomes();
  const heldOut = new Outcomes();
  const branches = new Map<string, Map<string, Outcomes>>();
  if (goal && (hasHoldout || splitNodes.size > 0)) {
    for await (const [userId, version, enteredAt, goalAt, visitsText] of rows.enteredRuns(
      id,
      from,
      to,
      goal.event,
      windowMs,
    )) {
      const ran = defs.versions.get(version) ?? defs.current;
      if (hasHoldout) (isHoldout(userId, id, ran?.settings.holdoutPercent) ? heldOut : emailed).add(enteredAt, goalAt);
      if (splitNodes.size === 0) continue;
      const visits = JSON.parse(visitsText) as Record<string, number>;
      for (const [nodeId, latest] of splitNodes) {
        if (!visits[nodeId]) continue;
        const node = (ran?.nodes.find((n) => n.id === nodeId) as NodeOf<'random_split'> | undefined) ?? latest;
        const branch = randomBranch(userId, node).output;
        const byBranch = branches.get(nodeId) ?? new Map<string, Outcomes>();
        const outcomes = byBranch.get(branch) ?? new Outcomes();
        outcomes.add(enteredAt, goalAt);
        byBranch.set(branch, outcomes);
        branches.set(nodeId, byBranch);
      }
    }
  }

  const reached = await rows.nodeReach(id, from, to);
  return {
    journey: { id, name: defs.name },
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    entered,
    active,
    finished: entered - active,
    exits: (['goal', 'exit_rule', 'end', 'other'] as const)
      .filter((reason) => exits.has(reason))
      .map((reason) => {
        const endReasons = [...(exits.get(reason) ?? new Map()).entries()].map(([endReason, runs]) => ({
          endReason,
          runs,
        }));
        return { reason, runs: endReasons.reduce((sum, r) => sum + r.runs, 0), endReasons };
      }),
    held_back: (['holdout', 'unsubscribed', 'suppressed', 'cap', 'stale', 'other'] as const)
      .filter((reason) => heldBack.has(reason))
      .map((reason) => ({
        reason,
        users: heldBack.get(reason)?.users ?? 0,
        reasons: [...(heldBack.get(reason)?.reasons ?? [])],
      })),
    nodes: reached.map((r) => ({ nodeId: r.nodeId, reached: r.runs })).sort((a, b) => (a.nodeId < b.nodeId ? -1 : 1)),
    messages: [...messages.values()].sort((a, b) => (a.nodeId < b.nodeId ? -1 : 1)),
    goal,
    holdout: hasHoldout
      ? {
          percent,
          comparison: goal
            ? compareGroups(
                emailed.outcome('Could get the emails'),
                heldOut.outcome('Holdout'),
                goal.event,
                'Users who got these emails',
              )
            : null,
        }
      : null,
    splits: goal
      ? [...splitNodes.values()].map((node) => {
          const byBranch = branches.get(node.id) ?? new Map<string, Outcomes>();
          const [first, ...others] = node.config.branches.map((b) => b.output);
          const base = (byBranch.get(first ?? '') ?? new Outcomes()).outcome(`Branch ${first}`);
          return {
            nodeId: node.id,
            comparisons: others.map((output) =>
              compareGroups(
                (byBranch.get(output) ?? new Outcomes()).outcome(`Branch ${output}`),
                base,
                goal.event,
                `Users on branch “${output}”`,
                ` than branch “${first}”`,
              ),
            ),
          };
        })
      : [],
  };
}

/** Adds each email's tracked clicks (per link) and pixel opens, with rates over its deliveries. */
async function addEngagement(
  rows: JourneyRows,
  { journeyId: id, from, to }: JourneyQuery,
  message: (nodeId: string, kind: 'email' | 'webhook') => MessageResult,
): Promise<void> {
  const empty = (): EngagementResult => ({ people: 0, count: 0, prefetches: 0, rate: null });
  for (const row of await rows.clicks(id, from, to)) {
    const m = message(row.nodeId, 'email');
    if (row.kind === 'open') {
      m.opens ??= empty();
      m.opens.count += row.clicks;
      m.opens.prefetches += row.prefetches;
      continue;
    }
    m.clicks ??= { ...empty(), links: [] };
    m.clicks.count += row.clicks;
    m.clicks.prefetches += row.prefetches;
    m.clicks.links.push({ url: row.link, clicks: row.clicks, people: row.people, prefetches: row.prefetches });
  }
  for (const row of await rows.clickers(id, from, to)) {
    const m = message(row.nodeId, 'email');
    if (row.kind === 'open') {
      m.opens ??= empty();
      m.opens.people = row.people;
    } else {
      m.clicks ??= { ...empty(), links: [] };
      m.clicks.people = row.people;
    }
  }
}

/** Each email's click and open rates: people over its deliveries in the period. */
function engagementRates(messages: Iterable<MessageResult>): void {
  for (const m of messages) {
    const rate = (people: number) => (m.delivered > 0 ? people / m.delivered : null);
    if (m.clicks) m.clicks.rate = rate(m.clicks.people);
    if (m.opens) m.opens.rate = rate(m.opens.people);
  }
}
