import { describe, expect, it } from 'vitest';
import { forecastCsv } from './forecastCsv';

describe('the forecast as CSV', () => {
  it('has a header, one row per day and email step, names quoted when they need it, CRLF line ends', () => {
    const csv = forecastCsv({
      from: 0,
      days: 14,
      emails_per_day: [
        { day: '2026-03-13', journeyId: 'integration-setup', nodeId: 'confirm', upper: 3, expected: 2.5 },
      ],
      emails: [
        { journeyId: 'integration-setup', journey: 'Setup, step by step', nodeId: 'confirm', title: '=Confirm' },
      ],
      inFlight: 1,
      entriesPerDay: [],
      limits: [],
    });
    expect(csv).toBe(
      'day,journey_id,journey,email_node,email,expected,upper_bound\r\n' +
        `2026-03-13,integration-setup,"Setup, step by step",confirm,'=Confirm,2.5,3\r\n`,
    );
  });
});
