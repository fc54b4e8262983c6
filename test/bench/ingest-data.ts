import type { UserEvent } from '../../shared/engine/types';

/**
 * A realistic event mix for the integration-setup journey: about 10% integration_started for new
 * users (each sends the confirm email at once), the rest progress and error events of users who
 * already started. Deterministic for a given seed. `newUserShare` is how often a step brings a new
 * user (who sends two events: identify and integration_started).
 */
export function generateEvents(
  count: number,
  start: number,
  spanMs: number,
  seed = 1,
  newUserShare = 0.1,
): UserEvent[] {
  let state = seed;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const types = ['custom_api', 'stripe', 'hubspot', 'dns', 'webhook'];
  const progress = [
    'api_key_created',
    'domain_verified',
    'test_event_sent',
    'setup_error_seen',
    'setup_error_seen',
    'integration_connected',
    'sync_completed',
    'page_viewed',
  ];
  const events: UserEvent[] = [];
  let users = 0;
  for (let i = 0; events.length < count; i++) {
    const timestamp = start + Math.floor((i / count) * spanMs);
    if (users === 0 || random() < newUserShare) {
      const userId = `user-${users++}`;
      events.push({
        type: 'identify',
        userId,
        timestamp,
        traits: {
          email: `${userId}@example.com`,
          createdAt: new Date(timestamp).toISOString(),
          role: random() < 0.5 ? 'engineer' : 'founder',
          workspace_name: `Workspace ${users}`,
        },
        messageId: `${userId}-id`,
      });
      events.push({
        type: 'track',
        event: 'integration_started',
        userId,
        timestamp,
        properties: { integration_type: types[users % types.length] },
        messageId: `${userId}-start`,
      });
    } else {
      const userId = `user-${Math.floor(random() * users)}`;
      const event = progress[Math.floor(random() * progress.length)] ?? 'page_viewed';
      events.push({
        type: 'track',
        event,
        userId,
        timestamp,
        properties:
          event === 'setup_error_seen' ? { error_code: random() < 0.7 ? '401' : '500', environment: 'production' } : {},
        messageId: `m${i}`,
      });
    }
  }
  return events.slice(0, count);
}
