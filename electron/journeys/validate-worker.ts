import { parentPort } from 'node:worker_threads';
import { validateJourney } from '../../shared/journey/validate';

/**
 * The journey validator's thread (see validator.ts): answers `{ id, input }` with
 * `{ id, result }`. Runs the same `validateJourney` as everything else.
 */
parentPort?.on('message', ({ id, input }: { id: number; input: unknown }) => {
  try {
    parentPort?.postMessage({ id, result: validateJourney(input) });
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
