import { describe, expect, it } from 'vitest';
import { isHoldout } from '../../../shared/engine/holdout';
import { at, chain, identify, loadSeed, MIN, run, timeline, track } from './harness';

const users = Array.from({ length: 40 }, (_, i) => `user-${i}`);
/** One user in the 50% holdout of journey "test" and one who is not, found with the same function. */
const held = users.find((u) => isHoldout(u, 'test', 50)) as string;
const mailed = users.find((u) => !isHoldout(u, 'test', 50)) as string;

const journey = chain(
  [
    { id: 'hello', type: 'email', position: at(0, 1), config: { template: 'hello' } },
    { id: 'pause', type: 'delay', position: at(0, 2), config: { mode: 'duration', duration: '1h' } },
    { id: 'hook', type: 'webhook', position: at(0, 3), config: { url: 'https://example.com/h', body: '{}' } },
  ],
  { settings: { reentry: { mode: 'once' }, timezone: 'UTC', maxLateness: '6h', holdoutPercent: 50 } },
);

describe('a journey with a holdout group', () => {
  it('a held-out user walks the same steps at the same times but gets no email or webhook (reason holdout)', () => {
    const outcomes = (userId: string) =>
      timeline(run([identify(userId), track(userId, 'go', 5 * MIN)], [journey]).outcomes);
    expect(outcomes(held)).toEqual([
      '+5m enter go',
      '+5m skip hello (holdout)',
      '+65m skip hook (holdout)',
      '+65m exit hook (completed)',
    ]);
    expect(outcomes(mailed)).toEqual([
      '+5m enter go',
      '+5m email hello',
      '+65m webhook hook',
      '+65m exit hook (completed)',
    ]);
  });

  it('the decision log says why in words', () => {
    const decisions = run([identify(held), track(held, 'go', 0)], [journey]).decisions.map((d) => d.message);
    expect(decisions).toContain('Not sent: this user is in the holdout group, who get none of this journey’s emails.');
    expect(decisions).toContain('Webhook not called: this user is in the holdout group.');
  });

  it('without a holdout percentage everyone is mailed, as before', () => {
    const plain = loadSeed('integration-setup');
    const result = run(
      [identify(held), track(held, 'integration_started', 0, { integration_type: 'stripe' })],
      [plain],
    );
    expect(timeline(result.outcomes, ['email'])).toEqual(['+0h email confirm', '+30m email credential_help']);
  });

  it('a user who is unsubscribed is skipped as unsubscribed, held out or not: the same reasons on both sides', () => {
    const reason = (userId: string) =>
      run([identify(userId, { unsubscribed: true }), track(userId, 'go', 0)], [journey]).outcomes.find(
        (o) => o.nodeId === 'hello',
      )?.reason;
    expect(reason(held)).toBe('unsubscribed');
    expect(reason(mailed)).toBe('unsubscribed');
  });
});

describe('goal and holdout in the journey file', () => {
  it('a journey with a goal and a holdout exports and imports unchanged', async () => {
    const { canonicalJourneyText } = await import('../../../electron/journeys/canonical');
    const text = canonicalJourneyText(journey);
    expect(JSON.parse(text).settings).toMatchObject({ holdoutPercent: 50 });
    expect(canonicalJourneyText(JSON.parse(text))).toBe(text);
  });

  it('a holdout outside 0–100 or a goal without a window is refused, naming the field', async () => {
    const { Settings } = await import('../../../shared/journey/schema');
    const over = Settings.safeParse({ holdoutPercent: 120 });
    expect(over.success).toBe(false);
    expect(over.error?.issues[0]?.path).toEqual(['holdoutPercent']);
    const goal = Settings.safeParse({ goal: { event: 'integration_connected' } });
    expect(goal.error?.issues[0]?.path).toEqual(['goal', 'within']);
  });
});
