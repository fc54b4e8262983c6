import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../renderer/src/model/scenario-run';
import { scenarioEvents } from '../../renderer/src/model/scenario-timeline';
import { Journey } from '../../shared/journey/schema';

const root = join(import.meta.dirname, '../..');
const load = (id: string) =>
  Journey.parse(JSON.parse(readFileSync(join(root, 'resources/journeys', `${id}.json`), 'utf8')));
const setup = load('integration-setup');

describe('running a scenario', () => {
  it('shows the credential_help email at +2 h with its subject, the path and the timeout explained', () => {
    const scenario = setup.scenarios.find((s) => s.id === 'stalls-before-api-key');
    if (!scenario) throw new Error('missing scenario');
    const result = runScenario(setup, scenario);
    const help = result.emails.find((e) => e.nodeId === 'credential_help');
    expect(help?.at).toBe(result.start + 125 * 60_000);
    expect(help?.subject).toBe('Create your API key to keep the custom API setup moving');
    expect(help?.html).toContain('<p>');
    expect(result.path.map((s) => s.nodeId).slice(0, 5)).toEqual([
      'start',
      'confirm',
      'wait_api_key',
      'wait_api_key',
      'known_error',
    ]);
    expect(result.path.find((s) => s.nodeId === 'credential_help')?.edgeId).toBe('known_error-false-credential_help');
    expect(result.decisions.map((d) => d.message)).toContain(
      'Waited 2 hours for API key created: not seen → timed out.',
    );
  });

  it('drops the reminders when sync_completed comes at +30 m', () => {
    const result = runScenario(setup, {
      id: 's',
      profile: { role: 'founder' },
      timeline: '+5m integration_started integration_type=custom_api\n+30m sync_completed',
    });
    expect(result.emails.map((e) => e.nodeId)).toEqual(['confirm']);
    expect(result.outcomes.at(-1)).toMatchObject({ type: 'exit', reason: 'sync_completed' });
  });

  it('gives the same outcomes as `dripagent simulate` for every ready-made scenario', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dripagent-scenarios-'));
    for (const id of ['integration-setup', 'setup-troubleshooting']) {
      const journey = load(id);
      for (const scenario of journey.scenarios) {
        const panel = runScenario(journey, scenario).outcomes;
        const file = join(dir, `${scenario.id}.jsonl`);
        const { events } = scenarioEvents(scenario);
        writeFileSync(
          file,
          events
            .map((e) =>
              JSON.stringify(
                e.type === 'track'
                  ? {
                      type: 'track',
                      event: e.event,
                      userId: e.userId,
                      timestamp: new Date(e.timestamp).toISOString(),
                      properties: e.properties,
                      messageId: e.messageId,
                    }
                  : {
                      type: 'identify',
                      userId: e.userId,
                      timestamp: new Date(e.timestamp).toISOString(),
                      traits: e.traits,
                      messageId: e.messageId,
                    },
              ),
            )
            .join('\n'),
        );
        const cli = spawnSync(
          process.execPath,
          [
            join(root, 'electron/bin/dripagent.mjs'),
            'simulate',
            '--journey',
            join(root, 'resources/journeys', `${id}.json`),
            '--events',
            file,
          ],
          { encoding: 'utf8' },
        );
        expect(cli.status).toBe(0);
        const printed = cli.stdout
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l));
        expect(printed, `${id} / ${scenario.id}`).toEqual(
          panel.map((o) => ({ ...o, at: new Date(o.at).toISOString() })),
        );
      }
    }
  });
});
