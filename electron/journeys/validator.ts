import { type ValidationResult, validateJourney } from '../../shared/journey/validate';
import { startAppWorker } from '../api/app-worker';
import { createWorkerQueue } from '../api/worker-queue';

/**
 * Validates journeys on a worker thread, so a large journey being saved or imported never holds up
 * the tracking API or anyone else's request (validation is linear, but a 200 KB template still
 * takes tens of milliseconds). One worker, requests in order. If the worker cannot start, it
 * validates inline, as before; a validation that runs past `timeoutMs` is cut off and reported.
 */
export interface JourneyValidator {
  validate(input: unknown): Promise<ValidationResult>;
  close(): Promise<void>;
}

export interface JourneyValidatorOptions {
  timeoutMs?: number;
  /** Tests: force inline validation. */
  inline?: boolean;
}

const DEFAULT_TIMEOUT_MS = 10_000;

export function createJourneyValidator(options: JourneyValidatorOptions = {}): JourneyValidator {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const queue = createWorkerQueue<unknown, ValidationResult>({
    start: () =>
      startAppWorker(
        new URL('./validate-worker.cjs', import.meta.url),
        new URL('./validate-worker.ts', import.meta.url),
      ),
    inline: (input) => validateJourney(input),
    onError: (message) => ({ problems: [{ severity: 'error', message: `Could not check: ${message}` }] }),
    timeoutMs,
    onTimeout: () => ({
      problems: [
        {
          severity: 'error',
          message: `This journey took longer than ${timeoutMs / 1000} s to check: it is too large or too complex. Make its templates smaller.`,
        },
      ],
    }),
    fallbackWarning: 'Journeys are validated on the main thread (the validation worker failed):',
    forceInline: options.inline,
  });
  return { validate: (input) => queue.run(input), close: () => queue.close() };
}
