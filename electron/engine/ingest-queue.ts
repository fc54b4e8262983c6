import type { UserEvent } from '../../shared/engine/types';
import type { Engine, IngestResult } from './engine';

/**
 * Group commit for the tracking API: requests that arrive while the engine is busy are ingested
 * together in one transaction on the next turn of the event loop. SQLite's commit costs about as
 * much as hundreds of inserts, so concurrent clients get through far more events per second,
 * and each request still gets its own counts. If the transaction fails, every request in the
 * group fails and nothing of the group is stored.
 */
export interface IngestQueue {
  submit(events: readonly UserEvent[]): Promise<IngestResult>;
}

interface Waiting {
  events: readonly UserEvent[];
  resolve: (result: IngestResult) => void;
  reject: (error: unknown) => void;
}

/** Upper bound of events in one transaction, so one group never holds the write lock for long. */
const MAX_GROUP_EVENTS = 5000;

export function createIngestQueue(engine: Engine, afterIngest?: () => void): IngestQueue {
  const waiting: Waiting[] = [];
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    while (waiting.length > 0) {
      const group: Waiting[] = [];
      let size = 0;
      while (
        waiting.length > 0 &&
        (group.length === 0 || size + (waiting[0]?.events.length ?? 0) <= MAX_GROUP_EVENTS)
      ) {
        const next = waiting.shift() as Waiting;
        group.push(next);
        size += next.events.length;
      }
      try {
        const results = engine.ingestMany(group.map((w) => w.events));
        group.forEach((w, i) => {
          w.resolve(results[i] as IngestResult);
        });
      } catch (error) {
        for (const w of group) w.reject(error);
      }
    }
    afterIngest?.();
  };

  return {
    submit: (events) =>
      new Promise<IngestResult>((resolve, reject) => {
        waiting.push({ events, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      }),
  };
}
