import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulate } from '../../shared/engine/simulate';
import type { UserEvent } from '../../shared/engine/types';
import { Journey } from '../../shared/journey/schema';

/**
 * `npm run bench -- simulate`: the time of one user's path through the seed journeys, and users'
 * paths per second over 100k generated users. Last line: {"one_path_ms","paths_per_s"}.
 */
export async function main(args: string[]): Promise<void> {
  const users = Number(args[0] ?? 100_000);
  const dir = join(import.meta.dirname, '../../resources/journeys');
  const journeys = ['integration-setup.json', 'setup-troubleshooting.json'].map((f) =>
    Journey.parse(JSON.parse(readFileSync(join(dir, f), 'utf8'))),
  );

  // One path: the longest seed path (stalls at every step until setup_abandoned).
  const one = userEvents(0, 'stall');
  for (let i = 0; i < 200; i++) simulate({ journeys, events: one });
  const samples: number[] = [];
  for (let i = 0; i < 500; i++) {
    const start = performance.now();
    simulate({ journeys, events: one });
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const onePathMs = samples[Math.floor(samples.length / 2)] ?? 0;
  console.log(
    `one path (stall to setup_abandoned): median ${onePathMs.toFixed(3)} ms, p99 ${(samples[Math.floor(samples.length * 0.99)] ?? 0).toFixed(3)} ms`,
  );

  const kinds = ['happy', 'stall', 'no_key', 'no_domain', 'errors', 'synced'] as const;
  const events: UserEvent[] = [];
  for (let u = 0; u < users; u++) events.push(...userEvents(u, kinds[u % kinds.length] ?? 'happy'));
  const start = performance.now();
  const result = simulate({ journeys, events });
  const seconds = (performance.now() - start) / 1000;
  const pathsPerS = users / seconds;
  const sent = result.outcomes.filter((o) => o.type === 'email').length;
  console.log(
    `${users} users, ${events.length} events: ${seconds.toFixed(2)} s, ${Math.round(pathsPerS)} paths/s, ${sent} emails`,
  );
  console.log(JSON.stringify({ one_path_ms: Number(onePathMs.toFixed(3)), paths_per_s: Math.round(pathsPerS) }));
}

const T0 = Date.parse('2026-03-02T09:00:00Z');
const MIN = 60_000;

function userEvents(n: number, kind: string): UserEvent[] {
  const userId = `user-${n}`;
  const at = (m: number) => T0 + (n % 1000) * MIN + m * MIN;
  const track = (event: string, m: number, properties: Record<string, unknown> = {}): UserEvent => ({
    type: 'track',
    event,
    userId,
    timestamp: at(m),
    properties,
    messageId: `${userId}-${event}-${m}`,
  });
  const types = ['custom_api', 'stripe', 'dns', 'hubspot'];
  const events: UserEvent[] = [
    {
      type: 'identify',
      userId,
      timestamp: at(0),
      traits: {
        email: `${userId}@example.com`,
        createdAt: new Date(at(0)).toISOString(),
        role: n % 3 === 0 ? 'engineer' : 'founder',
        workspace_name: `Workspace ${n}`,
      },
      messageId: `${userId}-id`,
    },
    track('integration_started', 5, { integration_type: types[n % types.length] }),
  ];
  if (kind === 'happy')
    events.push(
      track('api_key_created', 30),
      track('domain_verified', 90),
      track('test_event_sent', 120),
      track('sync_completed', 150),
    );
  if (kind === 'no_domain') events.push(track('api_key_created', 60));
  if (kind === 'errors')
    events.push(
      track('setup_error_seen', 20, { error_code: '401' }),
      track('setup_error_seen', 40, { error_code: '401' }),
    );
  if (kind === 'synced') events.push(track('sync_completed', 200));
  return events;
}
