import type { Worker } from 'node:worker_threads';
import { serially } from '../store/awaitable';

/** How far along a request is, as its worker reports it. */
export type OnProgress = (done: number, total: number) => void;

/** What a worker thread of a queue posts back: progress, then a result or an error. */
export interface WorkerReply<Res> {
  id: number;
  progress?: { done: number; total: number };
  result?: Res;
  error?: string;
}

export interface WorkerQueueOptions<Req, Res> {
  /** Starts the thread; it answers `{ id, request }` with WorkerReply messages. */
  start(): Worker;
  /** Does the work on the calling thread: when the thread cannot start or has died. */
  inline(request: Req, onProgress?: OnProgress): Res | Promise<Res>;
  /** What an error reported by the thread becomes; by default the request fails with it. */
  onError?: (message: string) => Res;
  /** A request still running after this long is cut off (its thread stopped) and answered with `onTimeout`. */
  timeoutMs?: number;
  onTimeout?: () => Res;
  /** Said once, with the error, when work falls back to the calling thread. */
  fallbackWarning: string;
  /** Tests: always work on the calling thread. */
  forceInline?: boolean;
}

export interface WorkerQueue<Req, Res> {
  run(request: Req, onProgress?: OnProgress): Promise<Res>;
  close(): Promise<void>;
}

interface Pending<Req, Res> {
  id: number;
  request: Req;
  onProgress?: OnProgress;
  resolve(result: Res): void;
  reject(error: Error): void;
}

/**
 * One worker thread, requests in order. If the thread cannot start (or fails), every request waiting
 * and to come runs on the calling thread instead: slower for the host, never lost.
 * @example const queue = createWorkerQueue({ start, inline: validateJourney, fallbackWarning: '…' }); await queue.run(input);
 */
export function createWorkerQueue<Req, Res>(options: WorkerQueueOptions<Req, Res>): WorkerQueue<Req, Res> {
  let worker: Worker | undefined;
  let broken = options.forceInline ?? false;
  let nextId = 1;
  const queue: Pending<Req, Res>[] = [];
  let current: { pending: Pending<Req, Res>; timer?: NodeJS.Timeout } | undefined;

  // On the calling thread too, one request at a time and in order: an asynchronous one (a report
  // over a cursor) ends before the next begins, as its statements are not shared.
  const inOrder = serially();
  const runInline = (pending: Pending<Req, Res>) => {
    void inOrder(async () => {
      try {
        pending.resolve(await options.inline(pending.request, pending.onProgress));
      } catch (error) {
        pending.reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  };

  const settle = (answer: (pending: Pending<Req, Res>) => void) => {
    if (!current) return;
    clearTimeout(current.timer);
    const { pending } = current;
    current = undefined;
    answer(pending);
    pump();
  };

  const fallBackInline = (error: unknown) => {
    if (!broken) console.warn(options.fallbackWarning, error);
    broken = true;
    worker = undefined;
    const waiting = current ? [current.pending, ...queue.splice(0)] : queue.splice(0);
    clearTimeout(current?.timer);
    current = undefined;
    for (const pending of waiting) runInline(pending);
  };

  const onReply = (reply: WorkerReply<Res>) => {
    if (current?.pending.id !== reply.id) return;
    if (reply.progress) {
      current.pending.onProgress?.(reply.progress.done, reply.progress.total);
      return;
    }
    settle((pending) => {
      if (reply.error === undefined) pending.resolve(reply.result as Res);
      else if (options.onError) pending.resolve(options.onError(reply.error));
      else pending.reject(new Error(reply.error));
    });
  };

  const ensureWorker = (): Worker | undefined => {
    if (broken) return undefined;
    if (worker) return worker;
    try {
      const started = options.start();
      started.unref();
      started.on('message', onReply);
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
      runInline(pending);
      pump();
      return;
    }
    const { timeoutMs, onTimeout } = options;
    const timer =
      timeoutMs !== undefined && onTimeout
        ? setTimeout(() => {
            // A runaway request: stop its thread (the next request starts a fresh one).
            void thread.terminate();
            worker = undefined;
            settle((stopped) => stopped.resolve(onTimeout()));
          }, timeoutMs)
        : undefined;
    current = { pending, timer };
    try {
      thread.postMessage({ id: pending.id, request: pending.request });
    } catch (error) {
      // A request the structured clone refuses (too deep, not cloneable) fails alone: this may run
      // inside another request's reply, where a throw would take the whole process down.
      settle((refused) => refused.reject(error instanceof Error ? error : new Error(String(error))));
    }
  }

  return {
    run: (request, onProgress) =>
      new Promise<Res>((resolve, reject) => {
        const pending: Pending<Req, Res> = { id: nextId++, request, onProgress, resolve, reject };
        if (broken) return runInline(pending);
        queue.push(pending);
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
