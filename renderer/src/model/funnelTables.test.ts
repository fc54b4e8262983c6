import { describe, expect, test } from 'vitest';
import type { FunnelGroup, FunnelGroupDetails } from '../../../shared/metrics/funnel-types';
import { stepsTable, tableCsv } from './funnelTables';

const group = (users: number[]): FunnelGroup => ({
  key: 'all',
  started: users[0] ?? 0,
  connected: users[4] ?? 0,
  start_to_connected_rate: null,
  signup_to_connected_ms: { median: null, p90: null },
  steps: (
    ['integration_started', 'api_key_created', 'domain_verified', 'test_event_sent', 'integration_connected'] as const
  ).map((event, i) => ({ event, users: users[i] ?? 0 })),
  error_recurrence_rate: null,
  test_event_success_rate: null,
  activation: { completed: null, not_completed: null },
});

describe('the steps table', () => {
  test('drop-off is the share lost from the step before; the first step has none', () => {
    const table = stepsTable(group([200, 150, 150, 60, 0]), undefined);
    expect(table.rows.map((r) => [r[0], r[1], r[2]])).toEqual([
      ['integration_started', 200, null],
      ['api_key_created', 150, 0.25],
      ['domain_verified', 150, 0],
      ['test_event_sent', 60, 0.6],
      ['integration_connected', 0, 1],
    ]);
  });

  test('median time from the previous step comes from the details; its CSV has the raw numbers', () => {
    const details = {
      stepGaps: [{ from: 'integration_started', to: 'api_key_created', users: 3, medianMs: 5400000 }],
    } as FunnelGroupDetails;
    const csv = tableCsv(stepsTable(group([4, 3, 0, 0, 0]), details));
    expect(csv.split('\r\n').slice(0, 3)).toEqual([
      'step,users,drop_off_from_previous,median_ms_from_previous',
      'integration_started,4,,',
      'api_key_created,3,0.25,5400000',
    ]);
  });
});
