import type { Clock } from '../../engine/clock';
import type { Store } from '../../store';
import type { JournalBatch } from '../../store/journal-repo';
import type { BatchSuppressions } from '../../store/pg/suppression-rows';
import { createSuppressions, type Suppressions } from './suppressions';

/**
 * The suppression rules (createSuppressions: the first reason wins, soft bounces on 3 days within
 * 7 suppress, the person's timeline says why) over one PostgreSQL transaction's rows (see
 * suppression-rows.ts): what they add is written by `batch.write`, and their journal entries are
 * handed back to be written with the transaction's other rows.
 */
export function batchSuppressionRules(
  batch: BatchSuppressions,
  clock: Clock,
): { suppressions: Suppressions; journal: { userId: string; batch: JournalBatch }[] } {
  const journal: { userId: string; batch: JournalBatch }[] = [];
  // The part of a store the suppression rules use, over this transaction's rows.
  const store = {
    suppressions: batch.repo,
    journal: { append: (userId: string, _at: number, entry: JournalBatch) => journal.push({ userId, batch: entry }) },
    transaction: <T>(work: () => T) => work(),
    changes: { person: () => {} },
  } as unknown as Store;
  return { suppressions: createSuppressions({ store, clock }), journal };
}
