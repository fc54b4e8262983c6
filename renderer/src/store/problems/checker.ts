import type { Journey } from '../../../../shared/journey/schema';
import type { DraftProblems } from '../../model/draftCheck';

/**
 * Runs the validator on drafts, in a worker when the platform has one (else on the main thread,
 * after the first paint). Only the newest request matters: while one check runs, later requests
 * replace each other and the last one runs next.
 */
export interface DraftChecker {
  /** The newest result, with the key (journey id and revision) it was computed for. */
  latest(): { key: string; journeyId: string; result: DraftProblems } | undefined;
  request(journeyId: string, revision: number, journey: Journey): void;
  subscribe(listener: () => void): () => void;
}

export function createDraftChecker(): DraftChecker {
  const listeners = new Set<() => void>();
  let latest: ReturnType<DraftChecker['latest']>;
  let requested: string | undefined;
  let busy = false;
  let queued: { key: string; journeyId: string; journey: Journey } | undefined;
  let worker: Worker | undefined;
  let workerFailed = typeof Worker === 'undefined';

  const publish = (key: string, journeyId: string, result: DraftProblems) => {
    latest = { key, journeyId, result };
    for (const listener of listeners) listener();
  };

  const onMainThread = async (job: { key: string; journeyId: string; journey: Journey }) => {
    const { checkDraft } = await import('../../model/draftCheck');
    return checkDraft(job.journey);
  };

  const viaWorker = (job: { key: string; journeyId: string; journey: Journey }) =>
    new Promise<DraftProblems>((resolve, reject) => {
      worker ??= new Worker(new URL('./check.worker.ts', import.meta.url), { type: 'module' });
      const current = worker;
      current.onmessage = (event: MessageEvent<{ key: string; result: DraftProblems }>) => resolve(event.data.result);
      current.onerror = (event) => {
        event.preventDefault();
        reject(new Error(event.message || 'the checking worker failed'));
      };
      current.postMessage({ key: job.key, journey: job.journey });
    });

  const run = async () => {
    if (busy || !queued) return;
    const job = queued;
    queued = undefined;
    busy = true;
    try {
      let result: DraftProblems;
      if (workerFailed) result = await onMainThread(job);
      else {
        try {
          result = await viaWorker(job);
        } catch {
          // A platform that will not start the worker (or a worker that broke) checks here instead.
          workerFailed = true;
          worker?.terminate();
          worker = undefined;
          result = await onMainThread(job);
        }
      }
      publish(job.key, job.journeyId, result);
    } finally {
      busy = false;
      void run();
    }
  };

  return {
    latest: () => latest,
    request(journeyId, revision, journey) {
      const key = `${journeyId}@${revision}`;
      if (key === requested) return;
      requested = key;
      queued = { key, journeyId, journey };
      void run();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
