import { describe, expect, it } from 'vitest';
import type { Journey } from '../../../shared/journey/schema';
import { buildTimeline, emailAnswers, type Trace } from './timeline';

const T0 = Date.UTC(2026, 10, 27, 10, 0);
const RUN = 'setup:ada:1';

function journey(): Journey {
  const email = (id: string, y: number) => ({
    id,
    type: 'email' as const,
    position: { x: 0, y },
    config: { template: id },
  });
  return {
    formatVersion: 1,
    id: 'setup',
    name: 'Setup',
    description: '',
    nodes: [email('later', 400), email('confirm', 100), email('help', 250)],
    edges: [],
    exitRules: [],
    variables: [],
    settings: { reentry: { mode: 'once' }, timezone: 'UTC', maxLateness: '6h' },
    templates: {},
    scenarios: [],
  } as Journey;
}

function only<T>(items: T[]): T {
  const [item] = items;
  if (item === undefined) throw new Error('expected an item');
  return item;
}

function trace(overrides: Partial<Trace> = {}): Trace {
  return {
    userId: 'ada',
    traits: { email: 'ada@example.com' },
    events: [
      { type: 'track', event: 'integration_started', userId: 'ada', timestamp: T0, messageId: 'm1', properties: {} },
    ],
    outcomes: [],
    decisions: [
      { at: T0, userId: 'ada', journeyId: 'setup', runId: RUN, nodeId: 'start', message: 'Entered.' },
      { at: T0, userId: 'ada', journeyId: 'setup', runId: RUN, nodeId: 'confirm', message: 'Sent email "Hi".' },
      { at: T0, userId: 'ada', journeyId: 'setup', runId: RUN, nodeId: 'wait', message: 'Waiting up to 30 minutes.' },
    ],
    messages: [
      {
        id: 1,
        kind: 'email',
        journeyId: 'setup',
        nodeId: 'confirm',
        at: T0,
        status: 'sent',
        attempts: 1,
        sentAt: T0 + 200,
        lastError: null,
        subject: 'Hi',
      },
    ],
    runs: [
      {
        runId: RUN,
        journeyId: 'setup',
        version: 1,
        status: 'active',
        nodeId: 'wait',
        enteredAt: T0,
        wakeAt: T0 + 30 * 60_000,
        endedAt: null,
        endReason: null,
      },
    ],
    ...overrides,
  };
}

describe('buildTimeline', () => {
  it('lists the newest first, and at one moment puts the event below what it caused', () => {
    const kinds = buildTimeline(trace()).map((entry) => entry.kind);
    expect(kinds).toEqual(['message', 'decision', 'decision', 'decision', 'event']);
  });

  it('keeps the interpreter’s order among decisions made at the same moment, reversed', () => {
    const decisions = buildTimeline(trace()).flatMap((entry) =>
      entry.kind === 'decision' ? [entry.decision.message] : [],
    );
    expect(decisions).toEqual(['Waiting up to 30 minutes.', 'Sent email "Hi".', 'Entered.']);
  });
});

describe('emailAnswers', () => {
  it('answers every email step in reading order: sent, then not reached yet with where the person is', () => {
    const t = trace();
    const answers = emailAnswers(t, only(t.runs), journey());
    expect(answers.map((a) => [a.nodeId, a.state])).toEqual([
      ['confirm', 'sent'],
      ['help', 'not-yet'],
      ['later', 'not-yet'],
    ]);
    expect(answers[1]?.why).toBe('Waiting up to 30 minutes.');
  });

  it('says why a skipped email was not sent, in the interpreter’s words', () => {
    const t = trace({
      outcomes: [{ at: T0 + 5, userId: 'ada', journeyId: 'setup', nodeId: 'help', type: 'skip', reason: 'stale' }],
      decisions: [
        ...trace().decisions,
        {
          at: T0 + 5,
          userId: 'ada',
          journeyId: 'setup',
          runId: RUN,
          nodeId: 'help',
          message: 'Skipped: the timer fired 3 days late.',
        },
      ],
    });
    const help = emailAnswers(t, only(t.runs), journey()).find((a) => a.nodeId === 'help');
    expect(help).toMatchObject({ state: 'skipped', why: 'Skipped: the timer fired 3 days late.' });
  });

  it('shows delivery trouble: a pending email with its attempts, a failed one', () => {
    const pending = trace({
      messages: [{ ...only(trace().messages), status: 'pending', attempts: 3, sentAt: null, lastError: '421 busy' }],
    });
    expect(emailAnswers(pending, only(pending.runs), journey())[0]).toMatchObject({
      state: 'pending',
      message: { attempts: 3, lastError: '421 busy' },
    });
  });

  it('explains an email never reached because the run ended, with the run’s last words', () => {
    const t = trace({
      runs: [{ ...only(trace().runs), status: 'done', endedAt: T0 + 60_000, endReason: 'exit_rule', wakeAt: null }],
      decisions: [
        ...trace().decisions,
        {
          at: T0 + 60_000,
          userId: 'ada',
          journeyId: 'setup',
          runId: RUN,
          nodeId: 'wait',
          message: 'Left the journey: Integration connected.',
        },
      ],
    });
    const later = emailAnswers(t, only(t.runs), journey()).find((a) => a.nodeId === 'later');
    expect(later).toMatchObject({ state: 'not-reached', why: 'Left the journey: Integration connected.' });
  });

  it('lists a webhook step too, so a call that keeps failing shows with its error', () => {
    const withHook = journey();
    withHook.nodes.push({
      id: 'escalate',
      type: 'webhook',
      position: { x: 0, y: 300 },
      config: { url: 'https://support.test/hook', body: '{}' },
    });
    const t = trace({
      messages: [
        ...trace().messages,
        {
          id: 2,
          kind: 'webhook',
          journeyId: 'setup',
          nodeId: 'escalate',
          at: T0 + 10,
          status: 'pending',
          attempts: 2,
          sentAt: null,
          lastError: 'HTTP 503: try later',
        },
      ],
    });
    const answer = emailAnswers(t, only(t.runs), withHook).find((a) => a.nodeId === 'escalate');
    expect(answer).toMatchObject({ kind: 'webhook', state: 'pending', message: { lastError: 'HTTP 503: try later' } });
  });
});
