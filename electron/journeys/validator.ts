import type { Worker } from 'node:worker_threads';
import { type ValidationResult, validateJourney } from '../../shared/journey/validate';
import { startWorkerThread } from '../app/worker-thread';

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

function startWorker(): Worker {
  return startWorkerThread('validate-worker', new URL('./validate-worker.ts', import.meta.url));
}

interface Pending {
  id: number;
  input: unknown;
  resolve(result: ValidationResult): void;
}

export function createJourneyValidator(options: JourneyValidatorOptions = {}): JourneyValidator {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let worker: Worker | undefined;
  let broken = options.inline ?? false;
  let nextId = 1;
  const queue: Pending[] = [];
  let current: { pending: Pending; timer: NodeJS.Timeout } | undefined;

  const tooSlow: ValidationResult = {
    problems: [
      {
        severity: 'error',
        message: `This journey took longer than ${timeoutMs / 1000} s to check: it is too large or too complex. Make its templates smaller.`,
      },
    ],
  };

  const finish = (result: ValidationResult) => {
    if (!current) return;
    clearTimeout(current.timer);
    const { pending } = current;
    current = undefined;
    pending.resolve(result);
    pump();
  };

  const fallBackInline = (error: unknown) => {
    if (!broken) console.warn('Journeys are validated on the main thread (the validation worker failed):', error);
    broken = true;
    worker = undefined;
    const waiting = current ? [current.pending, ...queue.splice(0)] : queue.splice(0);
    if (current) clearTimeout(current.timer);
    current = undefined;
    for (const pending of waiting) pending.resolve(validateJourney(pending.input));
  };

  const ensureWorker = (): Worker | undefined => {
    if (broken) return undefined;
    if (worker) return worker;
    try {
      const started = startWorker();
      started.unref();
      started.on('message', (message: { id: number; result?: ValidationResult; error?: string }) => {
        if (current?.pending.id !== message.id) return;
        finish(message.result ?? { problems: [{ severity: 'error', message: `Could not check: ${message.error}` }] });
      });
      started.on('error', fallBackInline);
      started.on('exit', () => {
        if (worker === started) worker = undefined;
      });
      worker = started;
      return worker;
    } catch (error) {
      fallBackInline(error);
      return undefined;
    }
  };

  function pump(): void {
    if (current) return;
    const pending = queue.shift();
    if (!pending) return;
    const thread = ensureWorker();
    if (!thread) {
      pending.resolve(validateJourney(pending.input));
      pump();
      return;
    }
    const timer = setTimeout(() => {
      // A runaway validation: stop its thread (the next request starts a fresh one).
      void thread.terminate();
      worker = undefined;
      finish(tooSlow);
    }, timeoutMs);
    current = { pending, timer };
    thread.postMessage({ id: pending.id, input: pending.input });
  }

  return {
    validate: (input) =>
      new Promise<ValidationResult>((resolve) => {
        if (broken) return resolve(validateJourney(input));
        queue.push({ id: nextId++, input, resolve });
        pump();
      }),
    async close() {
      const thread = worker;
      worker = undefined;
      broken = true;
      if (thread) await thread.terminate();
    },
  };
}
