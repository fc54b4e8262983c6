import { ApiHandlerError } from '../../shared/api/errors';

/** A replay once started: its result, and how to stop it. */
export interface StartedJob<T> {
  result: Promise<T>;
  stop: () => void;
}

/**
 * The replays running at once, by job id: at most `max` (more would only share the same cores),
 * each id once; a job can be cancelled while it runs, and all are stopped at close.
 */
export function createRunningJobs(max: number) {
  const running = new Map<string, () => void>();
  return {
    async run<T>(jobId: string, start: () => StartedJob<T>): Promise<T> {
      if (running.has(jobId)) throw new ApiHandlerError('conflict', `Job ${jobId} is already running`);
      if (running.size >= max) {
        throw new ApiHandlerError('conflict', `${max} replays are running already: wait for one, or cancel it`);
      }
      const started = start();
      running.set(jobId, started.stop);
      try {
        return await started.result;
      } catch (error) {
        started.stop();
        throw error;
      } finally {
        running.delete(jobId);
      }
    },
    cancel(jobId: string): boolean {
      const stop = running.get(jobId);
      stop?.();
      return stop !== undefined;
    },
    async close(): Promise<void> {
      for (const stop of [...running.values()]) stop();
    },
  };
}
