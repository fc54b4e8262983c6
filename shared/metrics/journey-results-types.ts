import type { Goal } from '../journey/schema';
import type { Comparison } from './lift';

/** How runs that finished ended: the goal's exit rule, another exit rule, the end of a path or an exit step, or something else. */
export type ExitCategory = 'goal' | 'exit_rule' | 'end' | 'other';
/**
 * Why users were held back from emails or webhooks: the holdout, an unsubscribe, a suppressed
 * address (bounced or complained), a frequency cap, staleness, or something else.
 */
export type HeldBackCategory = 'holdout' | 'unsubscribed' | 'suppressed' | 'cap' | 'stale' | 'other';

/** Tracked clicks (or pixel opens) of one email: people exclude machine fetches, which are counted apart. */
export interface EngagementResult {
  /** Distinct people who clicked any link (or opened). */
  people: number;
  /** Clicks (or opens) by people, repeats included. */
  count: number;
  /** Link scanners and mail proxies: HEAD requests, fetches within a second of delivery, known proxies. */
  prefetches: number;
  /** `people` over the email's delivered count; null when none was delivered in the period. */
  rate: number | null;
}

export interface MessageResult {
  nodeId: string;
  kind: 'email' | 'webhook';
  /** Decided to send in the period (any delivery state). */
  sent: number;
  /** Accepted by the mail server (or the webhook's endpoint). */
  delivered: number;
  failed: number;
  pending: number;
  skipped: { reason: string; count: number }[];
  /** Emails with a goal: users delivered this email in the period, and those who reached the goal within the window after it. */
  recipients: number | null;
  converted: number | null;
  conversion_rate: number | null;
  /** Emails: tracked link clicks, and per link (most clicked first). Null for webhooks. */
  clicks: (EngagementResult & { links: { url: string; clicks: number; people: number; prefetches: number }[] }) | null;
  /** Emails with the open pixel on: opens (directional). Null when none was recorded or for webhooks. */
  opens: EngagementResult | null;
}

/**
 * One journey's results for a period. Runs are those that entered in [from, to); emails, webhooks
 * and skips are those that happened in it.
 */
export interface JourneyResults {
  journey: { id: string; name: string };
  from: string;
  to: string;
  entered: number;
  active: number;
  finished: number;
  exits: { reason: ExitCategory; runs: number; endReasons: { endReason: string; runs: number }[] }[];
  held_back: { reason: HeldBackCategory; users: number; reasons: string[] }[];
  /** Runs that reached each step (drawn on the canvas). */
  nodes: { nodeId: string; reached: number }[];
  messages: MessageResult[];
  goal: Goal | null;
  /** With a holdout: users who could get the emails against the holdout, on the goal. */
  holdout: { percent: number; comparison: Comparison | null } | null;
  /** Each random split: every branch against the first one, on the goal. */
  splits: { nodeId: string; comparisons: Comparison[] }[];
}
