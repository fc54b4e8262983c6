import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { scenarioEvents } from '../../renderer/src/model/scenario-timeline';
import { callApi } from './engine';
import { expect, REPO_ROOT, test } from './fixtures';
import type { AppPage } from './pages/AppPage';

const SEED = join(REPO_ROOT, 'resources/journeys/integration-setup.json');
const HELP_SUBJECT = 'Create your API key to keep the custom API setup moving';

const node = (page: Page, id: string) => page.getByTestId(`node-${id}`);
const edgePath = (page: Page, id: string) => page.getByTestId(`rf__edge-${id}`).locator('.react-flow__edge-path');

async function runStalls(app: AppPage): Promise<void> {
  await app.open();
  await app.journeys.open('integration-setup');
  await app.simulator.open();
  await app.simulator.run('stalls-before-api-key');
}

test('a stalled user gets the API key email at +2h05m, the path lights up, and the timeout is explained', async ({
  app,
}) => {
  await runStalls(app);
  const { simulator, page } = app;

  // What the user receives, and when (times from the scenario start; the timeline starts with "+5m integration_started").
  await expect(simulator.emails()).toHaveCount(2);
  const help = simulator.email('credential_help');
  await expect(help).toHaveAttribute('data-offset', '+2h05m');
  await expect(help.getByTestId('sim-email-time')).toHaveText('+2h05m');
  await expect(help.getByTestId('sim-email-subject')).toHaveText(HELP_SUBJECT);
  await expect(simulator.summary()).toContainText('2 emails');
  await expect(simulator.summary()).toContainText('Left the journey at +3d2h05m: Setup abandoned');

  // The path: every step it took is lit, the rest dimmed, the end of it current.
  await expect(node(page, 'credential_help')).toHaveAttribute('data-sim', 'visited');
  await expect(node(page, 'wait_api_key')).toHaveAttribute('data-sim', 'visited');
  await expect(node(page, 'abandoned_exit')).toHaveAttribute('data-sim', 'current');
  await expect(node(page, 'domain_help')).toHaveAttribute('data-sim', 'unvisited');
  await expect(page.getByTestId('sim-time-credential_help')).toHaveText('+2h05m');
  await expect(edgePath(page, 'known_error-false-credential_help')).toHaveAttribute('data-sim', 'taken');
  await expect(edgePath(page, 'wait_api_key-happened-wait_domain')).toHaveAttribute('data-sim', 'untaken');

  // Why: the wait timed out, in words, at its time.
  const timedOut = simulator.stepsAt('wait_api_key').filter({ hasText: 'Waited 2 hours' });
  await expect(timedOut).toHaveAttribute('data-kind', 'waited');
  await expect(timedOut.getByTestId('sim-step-message')).toHaveText(
    'Waited 2 hours for API key created: not seen → timed out.',
  );
  await expect(timedOut.locator('time')).toHaveText('+2h05m');
  await page.screenshot({ path: test.info().outputPath('simulator-stalls-path.png') });

  // The email as the user gets it: HTML in a sandboxed frame, and the text.
  const message = await simulator.openEmail('credential_help');
  await expect(message.getByTestId('sim-message-subject')).toHaveText(HELP_SUBJECT);
  const frame = message.getByTestId('sim-message-html');
  await expect(frame).toHaveAttribute('sandbox', '');
  await expect(page.frameLocator('[data-testid="sim-message-html"]').locator('body')).toContainText(
    'Your custom API setup for Acme is waiting for an API key',
  );
  // Opening it moved the clock to when it was sent.
  await expect(simulator.clock()).toHaveText('+2h05m');
  await expect(node(page, 'credential_help')).toHaveAttribute('data-sim', 'current');
  await expect(node(page, 'wait_api_key_after_help')).toHaveAttribute('data-sim', 'unvisited');
  await page.screenshot({ path: test.info().outputPath('simulator-stalls-email.png') });
  await message.getByTestId('sim-message-text-tab').click();
  await expect(message.getByTestId('sim-message-text')).toContainText('Create it under Settings → API keys');
});

test('the simulator applies the sending limit set in Settings, as the live engine would', async ({ app, server }) => {
  await callApi(server, 'engine.limits.save', { globalCap: { max: 1, per: '24h' } });
  await runStalls(app);
  await expect(app.simulator.emails()).toHaveCount(1);
  await expect(app.simulator.email('credential_help')).toHaveCount(0);
  await expect(app.page.locator('[data-testid="sim-email-skipped"][data-node-id="credential_help"]')).toContainText(
    'frequency cap',
  );
  const skipped = app.simulator.stepsAt('credential_help').filter({ hasText: 'frequency cap' });
  await expect(skipped.getByTestId('sim-step-message')).toHaveText('Skipped: frequency cap, 1 email in 1 day.');
  await expect(skipped).toHaveAttribute('data-kind', 'skip');
});

test('the virtual clock steps node by node and jumps from decision to decision', async ({ app }) => {
  await runStalls(app);
  const { simulator, page } = app;
  const scrubber = simulator.scrubber();
  await expect(scrubber).toHaveAttribute('data-cursor', '10');

  await simulator.control('restart');
  await expect(simulator.clock()).toHaveText('+0');
  await expect(node(page, 'start')).toHaveAttribute('data-sim', 'unvisited');

  await simulator.control('next-decision');
  await expect(node(page, 'start')).toHaveAttribute('data-sim', 'current');
  await expect(simulator.clock()).toHaveText('+5m');

  await simulator.control('step-forward');
  await expect(node(page, 'confirm')).toHaveAttribute('data-sim', 'current');
  await expect(edgePath(page, 'start-next-confirm')).toHaveAttribute('data-sim', 'taken');
  await expect(simulator.email('credential_help')).toHaveClass(/sim-email--later/);

  await simulator.control('next-decision');
  await expect(simulator.clock()).toHaveText('+2h05m');
  await expect(node(page, 'wait_api_key')).toHaveAttribute('data-sim', 'current');
  const current = simulator.root.locator('[data-testid="sim-step"][data-state="current"]');
  await expect(current).toContainText('not seen → timed out');

  await simulator.control('next-decision');
  await expect(node(page, 'known_error')).toHaveAttribute('data-sim', 'current');
  await expect(current).toContainText('→ no');

  await simulator.control('step-back');
  await expect(node(page, 'known_error')).toHaveAttribute('data-sim', 'unvisited');

  // Play moves on by itself; pause stops it.
  await simulator.control('play');
  await expect(scrubber).not.toHaveAttribute('data-cursor', '4');
  await simulator.control('play');
  await expect(simulator.root.getByTestId('sim-play')).toHaveAttribute('aria-pressed', 'false');

  // A card clicked on the canvas picks out its steps in the list, and the simulator stays open.
  await node(page, 'wait_api_key').click();
  await expect(simulator.stepsAt('wait_api_key').first()).toHaveAttribute('data-selected', 'true');
  await expect(simulator.root).toBeVisible();
});

test('sync_completed at +30m makes the reminders vanish, and the timeline shows a line’s error in place', async ({
  app,
}) => {
  await runStalls(app);
  const { simulator, page } = app;

  await simulator.addEvent('+30m', 'sync_completed');
  await expect(simulator.timeline()).toHaveValue(
    '+5m integration_started integration_type=custom_api\n+30m sync_completed',
  );
  await expect(simulator.emails()).toHaveCount(1);
  await expect(simulator.email('credential_help')).toHaveCount(0);
  await expect(simulator.summary()).toContainText('1 email');
  await expect(simulator.summary()).toContainText('Left the journey at +30m: Sync completed');
  await expect(simulator.steps().last()).toContainText('Left the journey: Sync completed.');
  await expect(node(page, 'credential_help')).toHaveAttribute('data-sim', 'unvisited');
  await expect(node(page, 'wait_api_key')).toHaveAttribute('data-sim', 'current');
  await page.screenshot({ path: test.info().outputPath('simulator-synced.png') });

  await simulator.timeline().fill('+5m integration_started integration_type=custom_api\n+30m sync_complete\n+1hr x');
  const notes = simulator.timelineNotes();
  await expect(notes.locator('[data-line="3"]')).toHaveText("Line 3 unknown time unit 'hr' (use s, m, h, d or w)");
  await expect(notes.locator('[data-line="2"]')).toContainText('did you mean sync_completed?');
  // The valid lines still run: without sync_completed the reminder is back.
  await expect(simulator.email('credential_help')).toHaveCount(1);
});

test('editing the journey re-runs the scenario at once', async ({ app }) => {
  await runStalls(app);
  const { simulator, page } = app;
  await app.editor.tab('step');
  await app.canvas.select('known_error');
  // "No" now skips the API key email.
  await app.inspector.link('false', 'wait_api_key_after_help');
  await expect(node(page, 'credential_help')).toHaveAttribute('data-sim', 'unvisited');
  await expect(page.getByTestId('sim-banner')).toContainText('Stalls before the API key');
  await app.editor.tab('simulate');
  await expect(simulator.emails()).toHaveCount(1);
  await app.editor.undo();
  await expect(simulator.email('credential_help')).toHaveCount(1);
  await expect(node(page, 'credential_help')).toHaveAttribute('data-sim', 'visited');

  await page.getByTestId('sim-stop').click();
  await expect(node(page, 'credential_help')).not.toHaveAttribute('data-sim');
  await expect(page.getByTestId('sim-banner')).toHaveCount(0);
});

test('a saved scenario travels in the journey’s export and comes back on import', async ({ app }) => {
  await runStalls(app);
  const { simulator } = app;
  await simulator.addEvent('+30m', 'sync_completed');
  await expect(simulator.emails()).toHaveCount(1);
  await simulator.save('Syncs after 30 minutes', { asNew: true });
  await expect(simulator.chip('syncs-after-30-minutes')).toHaveAttribute('aria-pressed', 'true');
  // The ready-made one it started from is unchanged.
  await expect(simulator.chip('stalls-before-api-key')).toBeVisible();
  await app.editor.waitSaved();

  const exported = await app.editor.export();
  const file = JSON.parse(exported.text) as { id: string; scenarios: { id: string; name: string; timeline: string }[] };
  expect(file.scenarios.find((s) => s.id === 'syncs-after-30-minutes')).toMatchObject({
    name: 'Syncs after 30 minutes',
    timeline: '+5m integration_started integration_type=custom_api\n+30m sync_completed',
  });

  await app.journeys.import(
    'setup-copy.json',
    exported.text.replace('"id": "integration-setup"', '"id": "setup-copy"'),
  );
  await expect(app.journeys.item('setup-copy')).toBeVisible();
  await app.journeys.open('setup-copy');
  await simulator.open();
  await simulator.run('syncs-after-30-minutes');
  await expect(simulator.timeline()).toHaveValue(
    '+5m integration_started integration_type=custom_api\n+30m sync_completed',
  );
  await expect(simulator.emails()).toHaveCount(1);
  await expect(simulator.summary()).toContainText('Left the journey at +30m: Sync completed');
});

test('scenarios compare side by side: which emails each user gets, and when', async ({ app }) => {
  await app.open();
  await app.journeys.open('integration-setup');
  await app.simulator.open();
  const dialog = await app.simulator.compare();
  await expect(dialog.getByTestId('compare-cell-credential_help-oauth-stalls')).toHaveText('+35m');
  await expect(dialog.getByTestId('compare-cell-credential_help-api-stalls')).toHaveText('+2h05m');
  await expect(dialog.getByTestId('compare-cell-credential_help-happy-path')).toHaveText('—');
  await expect(dialog.getByTestId('compare-cell-domain_help-stalls-before-domain')).toHaveText('+1d1h');
  await expect(dialog.getByTestId('compare-total-happy-path')).toHaveText('1');
  await expect(dialog.getByTestId('compare-ending-oauth-stalls')).toContainText('+2d');
  await app.page.screenshot({ path: test.info().outputPath('simulator-compare.png') });

  await dialog.getByTestId('compare-pick-happy-path').uncheck();
  await expect(dialog.getByTestId('compare-col-happy-path')).toHaveCount(0);
  // A column's name runs that scenario on the canvas.
  await dialog.getByTestId('compare-col-oauth-stalls').getByRole('button').click();
  await expect(dialog).not.toBeVisible();
  await expect(app.simulator.chip('oauth-stalls')).toHaveAttribute('aria-pressed', 'true');
  await expect(app.simulator.email('credential_help')).toHaveAttribute('data-offset', '+35m');
});

test('the panel shows the same emails as `dripagent simulate` for every ready-made scenario', async ({ app }) => {
  const journey = JSON.parse(readFileSync(SEED, 'utf8')) as {
    scenarios: { id: string; name: string; profile: Record<string, unknown>; timeline: string }[];
  };
  const dir = mkdtempSync(join(tmpdir(), 'dripagent-sim-e2e-'));
  await app.open();
  await app.journeys.open('integration-setup');
  await app.simulator.open();
  for (const scenario of journey.scenarios) {
    const { events, start } = scenarioEvents(scenario);
    const file = join(dir, `${scenario.id}.jsonl`);
    writeFileSync(
      file,
      events.map((e) => JSON.stringify({ ...e, timestamp: new Date(e.timestamp).toISOString() })).join('\n'),
    );
    const cli = spawnSync(
      process.execPath,
      ['electron/bin/dripagent.mjs', 'simulate', '--journey', SEED, '--events', file],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      },
    );
    expect(cli.status, cli.stderr).toBe(0);
    const printed = cli.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { at: string; type: string; nodeId: string; subject?: string });
    const expected = printed
      .filter((o) => o.type === 'email')
      .map((o) => ({ nodeId: o.nodeId, offset: offset(Date.parse(o.at) - start), subject: o.subject }));

    await app.simulator.run(scenario.id);
    const shown = await app.simulator.emails().evaluateAll((items) =>
      items.map((item) => ({
        nodeId: item.getAttribute('data-node-id'),
        offset: item.getAttribute('data-offset'),
        subject: item.querySelector('[data-testid="sim-email-subject"]')?.textContent,
      })),
    );
    expect(shown, scenario.name).toEqual(expected);
  }
});

/** The panel's relative time, written independently of the renderer's helper. */
function offset(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (minutes === 0) return '+0';
  return `+${d ? `${d}d` : ''}${h ? `${h}h` : ''}${m ? (h ? `${String(m).padStart(2, '0')}m` : `${m}m`) : ''}`;
}

test('the simulator has no serious accessibility violations', async ({ app }) => {
  await runStalls(app);
  await app.simulator.root.locator('.sim-profile__summary').click();
  await app.simulator.openEmail('credential_help');
  const { violations } = await new AxeBuilder({ page: app.page })
    .include('[data-testid="side-panel"]')
    // The email's frame shows the user's own email, sandboxed: not app UI.
    .exclude('[data-testid="sim-message-html"]')
    .setLegacyMode(true)
    .analyze();
  const blocking = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  expect(blocking).toEqual([]);
  const dialog = await app.simulator.compare();
  const compare = await new AxeBuilder({ page: app.page })
    .include('[data-testid="compare-dialog"]')
    .setLegacyMode(true)
    .analyze();
  expect(compare.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual(
    [],
  );
  await expect(dialog).toBeVisible();
});
