import type { UserEvent } from '../../shared/engine/types';
import { rowToEvent } from '../store/events-repo';
import {
  ALL_USERS,
  type HistoryRow,
  type HistorySource,
  type UserHistory,
  type UserRange,
} from '../store/history-repo';
import type { BacktestTally } from './tally';

export interface ReplayProgress {
  /** Users read so far. */
  done: number;
  total: number;
}

export interface ReplayHistoryOptions {
  /** Only these users (a part of a replay split across threads); all by default. */
  range?: UserRange;
  /** Called every `progressEvery` users and once at the end. */
  onProgress?: (progress: ReplayProgress) => void;
  progressEvery?: number;
  /** Asked between users: true stops the replay (a cancelled job). */
  shouldStop?: () => boolean;
}

/**
 * Streams the stored events before `to` user by user (never the whole table in memory) through
 * each tally: one scan serves a draft and its live version at once. Resolves false when stopped.
 * @example await replayHistory(store.history, [createBacktestTally(journey, { from, to })], to)
 */
export async function replayHistory(
  history: HistorySource,
  tallies: readonly BacktestTally[],
  to: number,
  options: ReplayHistoryOptions = {},
): Promise<boolean> {
  const range = options.range ?? ALL_USERS;
  // Only for progress (a count of distinct users is a scan on PostgreSQL).
  const total = options.onProgress ? await history.countUsers(to, range) : 0;
  const every = options.progressEvery ?? 2_000;
  let done = 0;
  for await (const user of history.usersBefore(to, range)) {
    if (options.shouldStop?.()) return false;
    replayUser(user, tallies);
    done++;
    if (done % every === 0) options.onProgress?.({ done, total });
  }
  options.onProgress?.({ done, total: Math.max(total, done) });
  return true;
}

/** One user's history through each tally whose journey they could enter. */
function replayUser(user: UserHistory, tallies: readonly BacktestTally[]): void {
  const parsed = new Map<HistoryRow, UserEvent>();
  const eventOf = (row: HistoryRow) => {
    let event = parsed.get(row);
    if (!event) {
      event = rowToEvent(row);
      parsed.set(row, event);
    }
    return event;
  };
  const names = user.rows.map((r) => r.name);
  for (const tally of tallies) {
    if (!tally.canEnter(names)) continue;
    // What the journey's own track steps recorded live is left out: replaying, it records them again.
    const own = `dripagent:${tally.journeyId}:`;
    const rows = user.rows.filter(
      (r) => r.type === 'identify' || (tally.uses(r.name) && !r.message_id.startsWith(own)),
    );
    tally.replay(user.userId, rows.map(eventOf));
  }
}
