import type { UserEvent } from '../../shared/engine/types';
import type { Engine, IngestResult } from './engine';
import { takeGroup, type Waiting } from './group-commit';

/**
 * Group commit for the tracking API: requests that arrive while the engine is busy are ingested
 * together in one transaction on the next turn of the event loop. SQLite's commit costs about as
 * much as hundreds of inserts, so concurrent clients get through far more events per second,
 * and each request still gets its own counts. If the group's transaction fails, it rolls back and
 * each request is stored again on its own: only a request whose own events fail is refused.
 */
export interface IngestQueue {
  submit(events: readonly UserEvent[]): Promise<IngestResult>;
}

/**
 * `durable`: each group commit is synced to disk before anyone is answered (DRIPAGENT_SYNC=full),
 * so an acknowledged event survives a crash of the OS or a power loss, not only of the process.
 */
export function createIngestQueue(engine: Engine, afterIngest?: () => void, durable = false): IngestQueue {
  const how = { durable };
  const waiting: Waiting[] = [];
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    while (waiting.length > 0) {
      const group = takeGroup(waiting);
      try {
        const results = engine.ingestMany(
          group.map((w) => w.events),
          how,
        );
        group.forEach((w, i) => {
          w.resolve(results[i] as IngestResult);
        });
      } catch (error) {
        if (group.length === 1) {
          (group[0] as Waiting).reject(error);
          continue;
        }
        // One request's events failed the shared transaction (which rolled back): store each
        // request on its own, so only the request at fault fails and nobody else's does.
        for (const w of group) {
          try {
            w.resolve(engine.ingestMany([w.events], how)[0] as IngestResult);
          } catch (own) {
            w.reject(own);
          }
        }
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
