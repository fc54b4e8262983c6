/** Health of one event name over a period: is it reliable enough to trigger messages? */
export interface EventNameHealth {
  name: string;
  total: number;
  users: number;
  per_user: number | null;
  /** Posted again with a messageId already stored, and dropped. */
  duplicates: number;
  /** Received more than an hour after their own timestamp. */
  late: number;
  /** Events per UTC day, aligned with EventHealth.days. */
  per_day: number[];
  /** For each property a journey reads from this event: how many events lacked it. */
  missing: { property: string; events: number; share: number | null }[];
}

/**
 * The Events view: per event name, volume per day, users, events per user, duplicates dropped, late
 * arrivals and missing properties; traits journeys read that users lack; and users who connected
 * with no integration_started before (a tracking gap, not a messaging gap). Whole UTC days.
 */
export interface EventHealth {
  from: string;
  to: string;
  days: string[];
  events: EventNameHealth[];
  traits: { trait: string; users: number; missing: number; share: number | null }[];
  tracking_gap: { connected: number; without_start: number };
}
