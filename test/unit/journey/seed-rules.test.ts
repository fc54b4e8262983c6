import { describe, expect, it } from 'vitest';
import { DAY, emails, HOUR, identify, loadSeed, MIN, run, timeline, track } from './harness';

const api = { integration_type: 'custom_api' };

describe('the seed: eligibility', () => {
  it('enters and sends the confirmation at once when integration_started comes within 1 hour of signup', () => {
    const { outcomes } = run([identify('u'), track('u', 'integration_started', 10 * MIN, api)]);
    expect(timeline(outcomes).slice(0, 2)).toEqual(['+10m enter start', '+10m email confirm']);
  });

  it('does not enter when integration_started comes more than 1 hour after signup', () => {
    const { outcomes } = run([identify('u'), track('u', 'integration_started', 61 * MIN, api)]);
    expect(timeline(outcomes)).toEqual(['+61m skip start (not_eligible)']);
  });

  it('enters when integration_started comes exactly 1 hour after signup (the window is inclusive)', () => {
    const { outcomes } = run([identify('u'), track('u', 'integration_started', HOUR, api)]);
    expect(timeline(outcomes)[0]).toBe('+1h enter start');
  });

  it('does not enter when integration_connected already happened', () => {
    const { outcomes } = run([
      identify('u'),
      track('u', 'integration_connected', 5 * MIN),
      track('u', 'integration_started', 10 * MIN, api),
    ]);
    expect(timeline(outcomes)).toEqual(['+10m skip start (not_eligible)']);
  });

  it('does not enter a user with no signup time and says why', () => {
    const { outcomes, decisions } = run([track('u', 'integration_started', 0, api)]);
    expect(timeline(outcomes)).toEqual(['+0h skip start (not_eligible)']);
    expect(decisions.map((d) => d.message).join('\n')).toContain('the user has no createdAt time');
  });
});

describe('the seed: one email per blocked step, timed by category', () => {
  it.each([
    ['custom_api', '+2h'],
    ['stripe', '+30m'],
    ['custom_domain', '+12h'],
    ['something_new', '+2h'],
    // The category names stand for themselves: an OAuth integration sent as "oauth" is not an API one.
    ['oauth', '+30m'],
    ['api', '+2h'],
    ['domain', '+12h'],
  ])('sends credential_help after the %s window (%s) with no api_key_created', (type, when) => {
    const { outcomes } = run([identify('u'), track('u', 'integration_started', 0, { integration_type: type })]);
    expect(emails(outcomes).slice(0, 2)).toEqual(['+0h email confirm', `${when} email credential_help`]);
  });

  it('says on entry when the integration type is one the category map does not list', () => {
    const { decisions } = run([identify('u'), track('u', 'integration_started', 0, { integration_type: 'zoho' })]);
    expect(decisions.find((d) => d.message.startsWith('Entered on'))?.message).toContain(
      'Note: integration type "zoho" is not in the category map, so category is "api".',
    );
  });

  it('sends no credential_help when the API key comes in time', () => {
    const { outcomes } = run([
      identify('u'),
      track('u', 'integration_started', 0, api),
      track('u', 'api_key_created', 119 * MIN),
    ]);
    expect(emails(outcomes)).not.toContain('+2h email credential_help');
  });

  it('counts an api_key_created exactly at the 2 hour boundary as in time', () => {
    const { outcomes } = run([
      identify('u'),
      track('u', 'integration_started', 0, api),
      track('u', 'api_key_created', 2 * HOUR),
    ]);
    expect(emails(outcomes).some((e) => e.includes('credential_help'))).toBe(false);
  });

  it('sends domain_help 24 hours after the API key when domain_verified does not follow (API-based)', () => {
    const { outcomes } = run([
      identify('u'),
      track('u', 'integration_started', 0, api),
      track('u', 'api_key_created', HOUR),
    ]);
    expect(emails(outcomes)).toEqual(['+0h email confirm', '+25h email domain_help']);
  });

  it('uses 6 hours for the domain step of an OAuth integration and 36 hours for a domain integration', () => {
    const oauth = run([
      identify('u'),
      track('u', 'integration_started', 0, { integration_type: 'hubspot' }),
      track('u', 'api_key_created', 10 * MIN),
    ]);
    expect(emails(oauth.outcomes)[1]).toBe('+370m email domain_help');
    const domain = run([
      identify('u'),
      track('u', 'integration_started', 0, { integration_type: 'dns' }),
      track('u', 'api_key_created', HOUR),
    ]);
    expect(emails(domain.outcomes)[1]).toBe('+37h email domain_help');
  });

  it('prompts for a test event 3 days after domain verification when none is sent', () => {
    const { outcomes } = run([
      identify('u'),
      track('u', 'integration_started', 0, api),
      track('u', 'api_key_created', HOUR),
      track('u', 'domain_verified', 2 * HOUR),
    ]);
    expect(emails(outcomes)).toEqual(['+0h email confirm', '+74h email test_prompt']);
  });

  it('ends quietly after the test event with no more reminders', () => {
    const { outcomes } = run([
      identify('u'),
      track('u', 'integration_started', 0, api),
      track('u', 'api_key_created', HOUR),
      track('u', 'domain_verified', 2 * HOUR),
      track('u', 'test_event_sent', 3 * HOUR),
    ]);
    expect(timeline(outcomes)).toEqual([
      '+0h enter start',
      '+0h email confirm',
      '+3h exit setup_done (test_event_sent)',
    ]);
  });

  it('counts steps done before the wait starts (look-back since entry)', () => {
    const { outcomes } = run([
      identify('u'),
      track('u', 'integration_started', 0, api),
      track('u', 'domain_verified', 30 * MIN),
      track('u', 'api_key_created', HOUR),
      track('u', 'test_event_sent', 90 * MIN),
    ]);
    expect(timeline(outcomes).at(-1)).toBe('+90m exit setup_done (test_event_sent)');
    expect(emails(outcomes)).toEqual(['+0h email confirm']);
  });

  it('emits setup_abandoned when the last reminder window passes with no progress', () => {
    const { outcomes, effects } = run([identify('u'), track('u', 'integration_started', 0, api)]);
    expect(timeline(outcomes).slice(-2)).toEqual([
      '+74h track setup_abandoned (setup_abandoned)',
      '+74h exit abandoned_exit (setup_abandoned)',
    ]);
    const emitted = effects.find((e) => e.kind === 'emit_event');
    expect(emitted?.kind === 'emit_event' && emitted.event.properties).toMatchObject({
      integration_type: 'custom_api',
      category: 'api',
    });
  });
});

describe('the seed: suppression and exits', () => {
  it('stops all reminders the moment sync_completed arrives, even mid-wait', () => {
    const { outcomes } = run([
      identify('u'),
      track('u', 'integration_started', 0, api),
      track('u', 'sync_completed', 30 * MIN),
    ]);
    expect(timeline(outcomes)).toEqual([
      '+0h enter start',
      '+0h email confirm',
      '+30m exit wait_api_key (sync_completed)',
    ]);
  });

  it('stops reminders on integration_connected', () => {
    const { outcomes } = run([
      identify('u'),
      track('u', 'integration_started', 0, api),
      track('u', 'api_key_created', HOUR),
      track('u', 'integration_connected', 3 * HOUR),
    ]);
    expect(timeline(outcomes).at(-1)).toBe('+3h exit wait_domain (integration_connected)');
    expect(emails(outcomes)).toEqual(['+0h email confirm']);
  });

  it('skips the generic API key reminder when a known error is repeating', () => {
    const { outcomes } = run([
      identify('u', { role: 'engineer' }),
      track('u', 'integration_started', 0, api),
      track('u', 'setup_error_seen', 20 * MIN, { error_code: '401' }),
      track('u', 'setup_error_seen', 40 * MIN, { error_code: '401' }),
    ]);
    expect(emails(outcomes)).toEqual(['+0h email confirm', '+40m email troubleshoot']);
  });

  it('gives error-specific help itself when a known error repeats and the troubleshooting journey is not live', () => {
    const { outcomes } = run(
      [
        identify('u', { role: 'engineer' }),
        track('u', 'integration_started', 0, api),
        track('u', 'setup_error_seen', 20 * MIN, { error_code: '401' }),
        track('u', 'setup_error_seen', 40 * MIN, { error_code: '401' }),
      ],
      [loadSeed('integration-setup')],
    );
    // Before: the "known error" branch went straight to the next wait, and nobody got any help.
    expect(emails(outcomes)).toEqual(['+0h email confirm', '+2h email error_help']);
  });
});

describe('the seed: troubleshooting', () => {
  it('escalates when setup_error_seen occurs twice with the same error code within 12 hours', () => {
    const { outcomes } = run([
      identify('u', { role: 'founder' }),
      track('u', 'setup_error_seen', 0, { error_code: '401' }),
      track('u', 'setup_error_seen', 11 * HOUR, { error_code: '401' }),
    ]);
    expect(timeline(outcomes)).toEqual([
      '+0h skip repeated_error (not_eligible)',
      '+11h enter repeated_error',
      '+11h track mark_troubleshooting (troubleshooting_started)',
      '+11h email troubleshoot',
      '+11h webhook support_escalation',
      '+11h exit escalated_exit (escalated)',
    ]);
  });

  it('does not escalate for two different error codes', () => {
    const { outcomes } = run([
      identify('u'),
      track('u', 'setup_error_seen', 0, { error_code: '401' }),
      track('u', 'setup_error_seen', HOUR, { error_code: '500' }),
    ]);
    expect(emails(outcomes)).toEqual([]);
  });

  it('does not escalate when the same code repeats 13 hours apart', () => {
    const { outcomes } = run([
      identify('u'),
      track('u', 'setup_error_seen', 0, { error_code: '401' }),
      track('u', 'setup_error_seen', 13 * HOUR, { error_code: '401' }),
    ]);
    expect(emails(outcomes)).toEqual([]);
  });

  it('escalates exactly at the 12 hour boundary', () => {
    const { outcomes } = run([
      identify('u'),
      track('u', 'setup_error_seen', 0, { error_code: 401 }),
      track('u', 'setup_error_seen', 12 * HOUR, { error_code: '401' }),
    ]);
    expect(emails(outcomes)).toEqual(['+12h email troubleshoot']);
  });

  it('gives engineers a day to fix it before support is involved', () => {
    const fixed = run([
      identify('u', { role: 'engineer' }),
      track('u', 'setup_error_seen', 0, { error_code: '401' }),
      track('u', 'setup_error_seen', HOUR, { error_code: '401' }),
      track('u', 'test_event_sent', 5 * HOUR),
    ]);
    expect(timeline(fixed.outcomes).slice(-1)).toEqual(['+5h exit fixed_exit (fixed)']);
    const stuck = run([
      identify('u', { role: 'engineer' }),
      track('u', 'setup_error_seen', 0, { error_code: '401' }),
      track('u', 'setup_error_seen', HOUR, { error_code: '401' }),
    ]);
    expect(timeline(stuck.outcomes).slice(-2)).toEqual([
      '+25h webhook support_escalation',
      '+25h exit escalated_exit (escalated)',
    ]);
  });

  it('renders the error details into the troubleshooting email and the support webhook', () => {
    const { effects } = run([
      identify('u', { role: 'marketer', workspace_name: 'Acme' }),
      track('u', 'setup_error_seen', 0, { error_code: '401', integration_type: 'hubspot', environment: 'production' }),
      track('u', 'setup_error_seen', HOUR, {
        error_code: '401',
        integration_type: 'hubspot',
        environment: 'production',
      }),
    ]);
    const email = effects.find((e) => e.kind === 'email');
    expect(email?.kind === 'email' && email.email.text).toContain('The last setup attempt for HubSpot returned 401.');
    expect(email?.kind === 'email' && email.email.text).toContain('matches production');
    const hook = effects.find((e) => e.kind === 'webhook');
    expect(hook?.kind === 'webhook' && JSON.parse(hook.body)).toMatchObject({
      user_id: 'u',
      error_code: '401',
      workspace: 'Acme',
      role: 'marketer',
    });
  });
});

describe('the seed: personalization', () => {
  it("renders the seed copy verbatim with the user's values and escapes HTML", () => {
    const { effects } = run([
      identify('u', { workspace_name: 'Acme <Labs>', role: 'founder' }),
      track('u', 'integration_started', 0, { integration_type: 'stripe' }),
    ]);
    const email = effects.find((e) => e.kind === 'email');
    if (email?.kind !== 'email') throw new Error('no email');
    expect(email.email.subject).toBe('Finish connecting your data source in 5 minutes');
    expect(email.email.text).toContain(
      "You've started the Stripe setup for Acme <Labs>. To complete the connection, create an API key, add it in settings, and send one test event.",
    );
    expect(email.email.html).toContain('Acme &lt;Labs&gt;');
    expect(email.email.text).toContain('Your 3-step checklist');
  });

  it('falls back to plain words when a value is missing', () => {
    const { effects } = run([identify('u'), track('u', 'integration_started', 0, {})]);
    const email = effects.find((e) => e.kind === 'email');
    expect(email?.kind === 'email' && email.email.text).toContain(
      "You've started the integration setup for your workspace.",
    );
  });

  it('gives engineers the technical paragraph', () => {
    const { effects } = run([identify('u', { role: 'engineer' }), track('u', 'integration_started', 0, api)]);
    const email = effects.find((e) => e.kind === 'email');
    expect(email?.kind === 'email' && email.email.text).toContain('For engineers');
  });

  it('puts an unsubscribe link in every email', () => {
    const { effects } = run([identify('u'), track('u', 'integration_started', 0, api)]);
    for (const e of effects) if (e.kind === 'email') expect(e.email.html).toContain('unsubscribe/u');
  });
});

describe('event handling', () => {
  it('applies events in event-time order whatever order they arrive in', () => {
    const events = [
      identify('u'),
      track('u', 'integration_started', MIN, api),
      track('u', 'api_key_created', HOUR),
      track('u', 'domain_verified', 3 * HOUR),
    ];
    const inOrder = run(events).outcomes;
    const shuffled = run([events[3], events[1], events[0], events[2]] as typeof events).outcomes;
    expect(shuffled).toEqual(inOrder);
  });

  it('applies the same messageId twice only once', () => {
    const once = run([identify('u'), track('u', 'setup_error_seen', 0, { error_code: '1' }, 'same')]);
    const twice = run([
      identify('u'),
      track('u', 'setup_error_seen', 0, { error_code: '1' }, 'same'),
      track('u', 'setup_error_seen', HOUR, { error_code: '1' }, 'same'),
    ]);
    expect(twice.outcomes).toEqual(once.outcomes);
  });

  it('runs until every run has finished when no end time is given', () => {
    const { users } = run([identify('u'), track('u', 'integration_started', 0, api)]);
    expect(users.get('u')?.runs.every((r) => r.status === 'done')).toBe(true);
  });

  it('stops the clock at --until', () => {
    const { outcomes, users } = run([identify('u'), track('u', 'integration_started', 0, api)], undefined, {
      until: Date.parse('2026-03-02T10:00:00Z') + DAY,
    });
    expect(emails(outcomes)).toEqual(['+0h email confirm', '+2h email credential_help']);
    expect(users.get('u')?.runs[0]?.status).toBe('active');
  });
});
