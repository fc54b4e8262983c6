import { describe, expect, it } from 'vitest';
import { validateJourney } from '../../../shared/journey/validate';
import { loadSeed } from './harness';

const base = () => JSON.parse(JSON.stringify(loadSeed('integration-setup')));
const messages = (input: unknown) =>
  validateJourney(input).problems.map((p) => `${p.severity} ${p.nodeId ?? '-'} ${p.field ?? '-'}: ${p.message}`);

describe('validateJourney', () => {
  it('finds no problems in the bundled journeys', () => {
    expect(messages(base())).toEqual([]);
    expect(messages(loadSeed('setup-troubleshooting'))).toEqual([]);
  });

  it('names the node and field of a schema error', () => {
    const j = base();
    j.nodes[2].config.timeout = '2 hours';
    expect(messages(j)).toEqual([
      'error wait_api_key config.timeout: config.timeout: must be a duration such as 30m, 2h, 36h or 4d',
    ]);
  });

  it('reports a wait with no timeout', () => {
    const j = base();
    delete j.nodes[2].config.timeout;
    expect(messages(j)[0]).toMatch(/^error wait_api_key config.timeout/);
  });

  it('reports dangling edges and unknown outputs', () => {
    const j = base();
    j.edges.push({ id: 'bad', from: 'confirm', output: 'next', to: 'nowhere' });
    j.edges.push({ id: 'bad2', from: 'wait_domain', output: 'maybe', to: 'confirm' });
    const found = messages(j);
    expect(found).toContain('error confirm edges.bad: Connects to a step that does not exist ("nowhere").');
    expect(found).toContain(
      'error wait_domain edges.bad2: Has no way out called "maybe" (it has happened, timed_out).',
    );
  });

  it('warns about an output with nothing after it, and unreachable nodes', () => {
    const j = base();
    j.edges = j.edges.filter((e: { id: string }) => e.id !== 'wait_test-timed_out-test_prompt');
    const found = messages(j);
    expect(found).toContain(
      'warning wait_test outputs.timed_out: Nothing comes after “timed out”: people who go that way leave the journey.',
    );
    expect(found).toContain('warning test_prompt -: No path from a trigger leads here.');
  });

  it('refuses a loop with no delay or wait in it', () => {
    const j = base();
    j.edges.push({ id: 'loop', from: 'setup_abandoned', output: 'next', to: 'credential_help' });
    j.edges = j.edges.filter((e: { id: string }) => e.id !== 'setup_abandoned-next-abandoned_exit');
    j.edges.push({ id: 'back', from: 'credential_help', output: 'next', to: 'setup_abandoned' });
    j.edges = j.edges.filter((e: { id: string }) => e.id !== 'credential_help-next-wait_api_key_after_help');
    expect(messages(j).some((m) => m.startsWith('error') && m.includes('loop with no delay or wait'))).toBe(true);
  });

  it('reports a missing trigger and random split percentages that do not add up', () => {
    const j = base();
    j.nodes = j.nodes.filter((n: { type: string }) => n.type !== 'trigger');
    j.nodes.push({
      id: 'ab',
      type: 'random_split',
      position: { x: 0, y: 0 },
      config: {
        branches: [
          { output: 'a', percent: 50 },
          { output: 'b', percent: 40 },
        ],
      },
    });
    const found = messages(j);
    expect(found).toContain('error - -: The journey has no trigger: nobody can enter it.');
    expect(found).toContain('error ab config.branches: The percentages add up to 90%, not 100%.');
  });

  it('refuses unknown template variables and variables without a fallback', () => {
    const j = base();
    j.templates.confirm.subject =
      'Hi {{ user.first_name }} {{ usr.name | default: "x" }} {{ vars.nope | default: "x" }} {{ integration_type }}';
    expect(messages(j).filter((m) => m.includes('templates.confirm.subject'))).toEqual([
      'error confirm templates.confirm.subject: Subject: {{ usr.name }} is not a variable: start it with user., trigger., event., vars. or journey.',
      'error confirm templates.confirm.subject: Subject: {{ vars.nope }} is not a journey variable (add it in Settings)',
      'error confirm templates.confirm.subject: Subject: {{ integration_type }} is not a variable: use {{ trigger.integration_type }} for the property of the event that started the journey, or {{ user.integration_type }} for a trait',
      'error confirm templates.confirm.subject: Subject: {{ user.first_name }} has no fallback: people without it would read a gap. Add one, e.g. {{ user.first_name | default: "…" }}',
    ]);
  });

  it('refuses an email with no subject or no body', () => {
    const j = base();
    j.templates.confirm = {
      subject: ' ',
      html: '<div><p><a href="{{ unsubscribe_url }}">Unsubscribe</a></p></div>',
      text: '\n\n--\nUnsubscribe: {{ unsubscribe_url }}\n',
    };
    expect(messages(j)).toEqual([
      'error confirm templates.confirm.subject: The email has no subject: people would get “(no subject)”.',
      'error confirm templates.confirm.text: The email has no body: write what it should say.',
    ]);
  });

  it('needs no fallback for a trigger property the trigger filter requires, nor for the email address', () => {
    const j = base();
    j.nodes[0].config.filters = [{ property: 'integration_type', op: 'exists' }];
    j.templates.confirm.subject = 'Your {{ trigger.integration_type }} setup, {{ user.email }}';
    expect(messages(j)).toEqual([]);
    j.nodes[0].config.filters = [{ property: 'integration_type', op: 'not_equals', value: 'dns' }];
    expect(messages(j)).toEqual([
      'error confirm templates.confirm.subject: Subject: {{ trigger.integration_type }} has no fallback: people without it would read a gap. Add one, e.g. {{ trigger.integration_type | default: "…" }}',
    ]);
  });

  it('says a problem of both parts of a Markdown email once, for the body', () => {
    const j = base();
    j.templates.confirm.html = '<p>Hi {{ user.first_name }}</p>';
    j.templates.confirm.text = 'Hi {{ user.first_name }}';
    expect(messages(j)).toEqual([
      'error confirm templates.confirm.html: Body: {{ user.first_name }} has no fallback: people without it would read a gap. Add one, e.g. {{ user.first_name | default: "…" }}',
    ]);
  });

  it('reports a template syntax error', () => {
    const j = base();
    j.templates.confirm.html = '<p>{% if user.role %}unclosed</p>';
    expect(messages(j).some((m) => m.startsWith('error confirm templates.confirm.html'))).toBe(true);
  });

  it('warns when completion events do not end a setup journey', () => {
    const j = base();
    j.exitRules = [];
    expect(messages(j)).toContain(
      'warning - exitRules: Users who reach Sync completed (sync_completed) keep getting reminders: add an exit rule for it.',
    );
  });

  it('reports an email whose content is missing', () => {
    const j = base();
    delete j.templates.domain_help;
    expect(messages(j)).toContain('error domain_help config.template: The email\'s content "domain_help" is missing.');
  });

  it('never throws on garbage', () => {
    expect(validateJourney(null).problems[0]?.severity).toBe('error');
    expect(validateJourney({ nodes: [{ id: 5 }] }).problems.length).toBeGreaterThan(0);
  });
});
