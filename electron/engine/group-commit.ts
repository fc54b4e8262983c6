import type { UserEvent } from '../../shared/engine/types';
import type { IngestResult } from './engine';

/** A request waiting for the next group: its events and how to answer it. */
export interface Waiting {
  events: readonly UserEvent[];
  resolve: (result: IngestResult) => void;
  reject: (error: unknown) => void;
}

/** Upper bound of events in one transaction, so one group never holds the write lock (or its users' locks) for long. */
export const MAX_GROUP_EVENTS = 5000;

/** Takes the next group off the front of `waiting`: at least one request, at most MAX_GROUP_EVENTS events. */
export function takeGroup(waiting: Waiting[]): Waiting[] {
  const group: Waiting[] = [];
  let size = 0;
  while (waiting.length > 0 && (group.length === 0 || size + (waiting[0]?.events.length ?? 0) <= MAX_GROUP_EVENTS)) {
    const next = waiting.shift() as Waiting;
    group.push(next);
    size += next.events.length;
  }
  return group;
}

/**
 * Group commit for an asynchronous engine (PostgreSQL's): requests that arrive while a transaction
 * is under way wait and go together in the next one, one transaction at a time per engine. Four
 * clients posting at once then never queue on each other's user locks inside the database, and
 * each request still gets its own counts. When a group's transaction fails it rolled back, and
 * each request is stored again on its own: only a request whose own events fail is refused.
 */
export function createGroupCommit(
  ingestMany: (batches: readonly (readonly UserEvent[])[]) => Promise<IngestResult[]>,
): (events: readonly UserEvent[]) => Promise<IngestResult> {
  const waiting: Waiting[] = [];
  let running = false;

  const run = async () => {
    running = true;
    try {
      while (waiting.length > 0) {
        const group = takeGroup(waiting);
        try {
          const results = await ingestMany(group.map((w) => w.events));
          group.forEach((w, i) => {
            w.resolve(results[i] as IngestResult);
          });
        } catch (error) {
          if (group.length === 1) {
            (group[0] as Waiting).reject(error);
            continue;
          }
          for (const w of group) {
            try {
              w.resolve(((await ingestMany([w.events])) as IngestResult[])[0] as IngestResult);
            } catch (own) {
              w.reject(own);
            }
          }
        }
      }
    } finally {
      running = false;
    }
  };

  return (events) =>
    new Promise<IngestResult>((resolve, reject) => {
      waiting.push({ events, resolve, reject });
      if (!running) void run();
    });
}
