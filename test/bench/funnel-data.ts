import type { Store } from '../../electron/store';
import type { TrackEvent } from '../../shared/engine/types';

const HOUR = 3_600_000;
const ROLES = ['engineer', 'founder', 'marketer', 'admin'];
const SOURCES = ['onboarding_checklist', 'settings_page', 'in_app_prompt'];
const TYPES = ['stripe', 'hubspot', 'custom_api', 'webhook', 'dns'];
const NOISE = ['page_viewed', 'settings_opened', 'docs_viewed', 'invite_sent'];

/**
 * Stores `users` generated users with about `eventsPerUser` track events each (plus a profile):
 * a start, progress through the setup steps with drop-off, repeated errors, connections and syncs,
 * and product noise, over `spanMs` from `start`. Written through the store's own insert, so the
 * funnel's kept aggregates are exactly what ingestion would have kept. Deterministic.
 */
export function storeFunnelData(
  store: Store,
  users: number,
  eventsPerUser: number,
  start: number,
  spanMs: number,
): number {
  let state = 7;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  let count = 0;
  let messages = 0;
  const receivedAt = start + spanMs;
  const write = (userId: string, event: string, timestamp: number, properties: Record<string, unknown> = {}) => {
    const e: TrackEvent = { type: 'track', event, userId, timestamp, properties, messageId: `m${messages++}` };
    store.events.insert(e, receivedAt);
    count++;
  };
  const BATCH = 2000;
  for (let first = 0; first < users; first += BATCH) {
    store.transaction(() => {
      for (let u = first; u < Math.min(users, first + BATCH); u++) {
        const userId = `user-${u}`;
        const signup = start + Math.floor(random() * spanMs);
        const traits: Record<string, unknown> = {
          email: `${userId}@example.com`,
          role: ROLES[u % ROLES.length],
          source: SOURCES[Math.floor(random() * SOURCES.length)],
        };
        if (random() < 0.9) traits.createdAt = new Date(signup).toISOString();
        store.profiles.save(userId, traits, signup);
        let t = signup + Math.floor(random() * 2 * HOUR);
        const own = count;
        write(userId, 'integration_started', t, { integration_type: TYPES[u % TYPES.length] });
        for (const step of ['api_key_created', 'domain_verified', 'test_event_sent']) {
          if (random() < 0.25) break;
          t += Math.floor(random() * 24 * HOUR);
          write(userId, step, t);
        }
        if (random() < 0.4) {
          const code = random() < 0.6 ? '401' : '403';
          write(userId, 'setup_error_seen', t + HOUR, { error_code: code, environment: 'production' });
          if (random() < 0.5) write(userId, 'setup_error_seen', t + 2 * HOUR, { error_code: code });
        }
        if (random() < 0.6) {
          write(userId, 'integration_connected', t + Math.floor(random() * 30 * HOUR));
          if (random() < 0.7) write(userId, 'sync_completed', t + 31 * HOUR);
        }
        while (count - own < eventsPerUser) write(userId, NOISE[count % NOISE.length] ?? 'page_viewed', t + count);
      }
    });
  }
  return count;
}
