/**
 * Segment calls for `users` people who started an integration in the last few hours (so the
 * journeys' emails are on time, not stale): roles in turn, a sign-up an hour before, and
 * progress that depends on the user's number, so tests can count it by hand.
 */
export function setupBatch(users: number, now = Date.now()): object[] {
  const HOUR = 3_600_000;
  const roles = ['engineer', 'marketer', 'founder', undefined];
  const at = (ms: number) => new Date(ms).toISOString();
  const batch: object[] = [];
  for (let i = 0; i < users; i++) {
    const userId = `user-${i}`;
    const start = now - 5 * HOUR + i * 60_000;
    const role = roles[i % roles.length];
    batch.push({
      type: 'identify',
      userId,
      timestamp: at(start - HOUR),
      traits: { email: `${userId}@example.com`, createdAt: at(start - HOUR), ...(role ? { role } : {}) },
    });
    const track = (event: string, ms: number, properties: object = {}) =>
      batch.push({ type: 'track', userId, event, timestamp: at(ms), properties });
    track('integration_started', start, { integration_type: i % 2 === 0 ? 'stripe' : 'hubspot' });
    if (i % 3 !== 0) track('api_key_created', start + 10 * 60_000);
    if (i % 3 !== 0 && i % 5 !== 0) track('domain_verified', start + 30 * 60_000);
    if (i % 4 === 1) {
      track('setup_error_seen', start + 20 * 60_000, { error_code: '401', environment: 'production' });
      track('setup_error_seen', start + 25 * 60_000, { error_code: '401' });
    }
    if (i % 2 === 1) {
      track('test_event_sent', start + 40 * 60_000);
      track('integration_connected', start + 45 * 60_000);
    }
  }
  return batch;
}
