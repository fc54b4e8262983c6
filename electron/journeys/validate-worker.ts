import { parentPort } from 'node:worker_threads';
import { validateJourney } from '../../shared/journey/validate';

/**
 * The journey validator's thread (see validator.ts): answers `{ id, request }` with
 * `{ id, result }`. Runs the same `validateJourney` as everything else.
 */
parentPort?.on('message', ({ id, request }: { id: number; request: unknown }) => {
  try {
    parentPort?.postMessage({ id, result: validateJourney(request) });
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
