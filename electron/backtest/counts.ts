import type { BacktestCounts, GoalCounts } from '../../shared/api/backtest';
import type { OutcomeType } from '../../shared/engine/types';
import type { Journey } from '../../shared/journey/schema';
import { mergeGoalCounts } from './goal-tally';
import type { ReplayWindow } from './tally';

/** What a backtest counts, as it counts it: keys joined with \0 (node and type, day and node). */
export interface TallyMaps {
  byNode: Map<string, number>;
  emailsPerDay: Map<string, number>;
  exits: Map<string, number>;
  entriesPerDay: Map<string, number>;
  reached: Map<string, number>;
  edges: Map<string, number>;
  waited: Map<string, number>;
  acted: Map<string, number>;
  happened: Map<string, number>;
  /** Summed time to act, per wait (divided by `happened` for the average). */
  actMs: Map<string, number>;
  users: number;
  events: number;
}

export function emptyMaps(): TallyMaps {
  return {
    byNode: new Map(),
    emailsPerDay: new Map(),
    exits: new Map(),
    entriesPerDay: new Map(),
    reached: new Map(),
    edges: new Map(),
    waited: new Map(),
    acted: new Map(),
    happened: new Map(),
    actMs: new Map(),
    users: 0,
    events: 0,
  };
}

const TYPE_ORDER: readonly OutcomeType[] = ['enter', 'email', 'webhook', 'track', 'exit', 'skip'];

export function bump(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

/**
 * The counts in the order people read them: nodes in the journey's order, outcome types in
 * simulate's order, days in time order, exits most first.
 */
export function countsOf(
  journey: Journey,
  window: ReplayWindow,
  maps: TallyMaps,
  goal: GoalCounts | null,
): BacktestCounts {
  const ranks = new Map(journey.nodes.map((n, i) => [n.id, i]));
  const rank = (nodeId: string) => ranks.get(nodeId) ?? journey.nodes.length;
  const split = (key: string) => key.split('\u0000') as [string, string];
  return {
    journeyId: journey.id,
    from: window.from,
    to: window.to,
    users: maps.users,
    by_node: [...maps.byNode]
      .map(([key, count]) => {
        const [nodeId, type] = split(key);
        return { nodeId, type: type as OutcomeType, count };
      })
      .sort(
        (a, b) =>
          rank(a.nodeId) - rank(b.nodeId) ||
          a.nodeId.localeCompare(b.nodeId) ||
          TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type),
      ),
    emails_per_day: [...maps.emailsPerDay]
      .map(([key, count]) => {
        const [day, nodeId] = split(key);
        return { day, nodeId, count };
      })
      .sort((a, b) => a.day.localeCompare(b.day) || rank(a.nodeId) - rank(b.nodeId)),
    exits: [...maps.exits]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    goal,
    entries_per_day: [...maps.entriesPerDay]
      .map(([day, count]) => ({ day, count }))
      .sort((a, b) => a.day.localeCompare(b.day)),
    reached: [...maps.reached]
      .map(([nodeId, count]) => ({ nodeId, count }))
      .sort((a, b) => rank(a.nodeId) - rank(b.nodeId)),
    edges: journey.edges.flatMap((e) => {
      const count = maps.edges.get(e.id);
      return count ? [{ edgeId: e.id, count }] : [];
    }),
    waits: [...maps.waited]
      .map(([nodeId, waited]) => {
        const happened = maps.happened.get(nodeId) ?? 0;
        return {
          nodeId,
          waited,
          acted: maps.acted.get(nodeId) ?? 0,
          happened,
          actAfterMs: happened > 0 ? Math.round((maps.actMs.get(nodeId) ?? 0) / happened) : 0,
        };
      })
      .sort((a, b) => rank(a.nodeId) - rank(b.nodeId)),
    events: maps.events,
  };
}

/**
 * One backtest's counts from the counts of its parts (disjoint sets of users, replayed side by
 * side): every count summed, the time to act averaged over all who acted.
 * @example mergeCounts(journey, window, [firstHalf, secondHalf]).by_node
 */
export function mergeCounts(journey: Journey, window: ReplayWindow, parts: readonly BacktestCounts[]): BacktestCounts {
  const maps = emptyMaps();
  for (const part of parts) {
    maps.users += part.users;
    maps.events += part.events;
    for (const c of part.by_node) bump(maps.byNode, `${c.nodeId}\u0000${c.type}`, c.count);
    for (const c of part.emails_per_day) bump(maps.emailsPerDay, `${c.day}\u0000${c.nodeId}`, c.count);
    for (const c of part.exits) bump(maps.exits, c.reason, c.count);
    for (const c of part.entries_per_day) bump(maps.entriesPerDay, c.day, c.count);
    for (const c of part.reached) bump(maps.reached, c.nodeId, c.count);
    for (const c of part.edges) bump(maps.edges, c.edgeId, c.count);
    for (const w of part.waits) {
      bump(maps.waited, w.nodeId, w.waited);
      bump(maps.acted, w.nodeId, w.acted);
      bump(maps.happened, w.nodeId, w.happened);
      bump(maps.actMs, w.nodeId, w.actAfterMs * w.happened);
    }
  }
  return countsOf(
    journey,
    window,
    maps,
    mergeGoalCounts(
      journey,
      parts.map((p) => p.goal),
    ),
  );
}
