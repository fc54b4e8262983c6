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
    expect(found).toContain(
      'error confirm edges.bad: "Confirm the steps" connects to a step that does not exist ("nowhere").',
    );
    expect(found).toContain(
      'error wait_domain edges.bad2: "Domain verified?" has no output "maybe" (it has happened, timed_out).',
    );
  });

  it('warns about an output with nothing after it, and unreachable nodes', () => {
    const j = base();
    j.edges = j.edges.filter((e: { id: string }) => e.id !== 'wait_test-timed_out-test_prompt');
    const found = messages(j);
    expect(found).toContain(
      'warning wait_test outputs.timed_out: "Test event sent?" has nothing after "timed out": users who go that way leave the journey.',
    );
    expect(found).toContain('warning test_prompt -: "Prompt a test event" cannot be reached from a trigger.');
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

  it('reports unknown template variables and missing fallbacks', () => {
    const j = base();
    j.templates.confirm.subject =
      'Hi {{ user.first_name }} {{ usr.name | default: "x" }} {{ vars.nope | default: "x" }}';
    const found = messages(j);
    expect(found).toContain(
      'warning confirm templates.confirm.subject: Subject: user.first_name may be missing: add a fallback, e.g. {{ user.first_name | default: "…" }}',
    );
    expect(found).toContain(
      'warning confirm templates.confirm.subject: Subject: unknown variable "usr.name" (use user., trigger., event., vars. or journey.)',
    );
    expect(found).toContain('error confirm templates.confirm.subject: Subject: unknown journey variable "vars.nope"');
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
