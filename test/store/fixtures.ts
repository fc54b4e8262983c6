import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JourneyInput } from '../../shared/journey/schema';

/** A small journey without errors: trigger → welcome email → exit. */
export function sampleJourney(id = 'welcome', name = 'Welcome'): JourneyInput {
  return {
    formatVersion: 1,
    id,
    name,
    nodes: [
      { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, config: { event: 'signed_up' } },
      { id: 'hello', type: 'email', position: { x: 0, y: 120 }, config: { template: 'hello' } },
      { id: 'done', type: 'exit', position: { x: 0, y: 240 } },
    ],
    edges: [
      { id: 'e1', from: 'start', output: 'next', to: 'hello' },
      { id: 'e2', from: 'hello', output: 'next', to: 'done' },
    ],
    templates: {
      hello: {
        subject: 'Welcome, {{ user.firstName | default: "there" }}',
        html: '<p>Glad you are here.</p><p><a href="{{ unsubscribe_url }}">Unsubscribe</a></p>',
        text: 'Glad you are here.\n\nUnsubscribe: {{ unsubscribe_url }}',
      },
    },
  };
}

/** A fresh data folder per test, removed afterwards. */
export function tempDataDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'dripagent-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
