/** A name for a backtest or forecast job, to follow its progress pushes and cancel it. */
export function newJobId(kind: 'bt' | 'fc'): string {
  return `${kind}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Where a backtest or forecast stands. */
export type ReplayStatus = 'running' | 'done' | 'cancelled' | 'failed';

export interface ReplayProgress {
  done: number;
  total: number;
}
