import './results.css';
import { useEffect } from 'react';
import { describeMs, parseDuration } from '../../../shared/journey/duration';
import { humanizeEvent } from '../../../shared/journey/humanize';
import { toCsv } from '../../../shared/metrics/csv';
import type { HeldBackCategory, MessageResult } from '../../../shared/metrics/journey-results-types';
import type { Comparison } from '../../../shared/metrics/lift';
import { nodeTitle } from '../model/describe';
import { formatCount, formatDuration, formatRate } from '../model/metricsFormat';
import { useAppStore, useAppStoreApi } from '../store/context';
import { RateBars } from '../ui/charts/RateBars';
import { PeriodPicker } from '../ui/PeriodPicker';
import { ReportCard } from '../ui/ReportCard';
import { ReportProgress } from '../ui/ReportProgress';

const EXIT_WORDS = {
  goal: 'Reached the goal',
  exit_rule: 'Exit rule',
  end: 'Reached the end',
  other: 'Stopped',
} as const;
/** Skip reasons as a marketer reads them; others show as they are. */
const SKIP_WORDS: Record<string, string> = {
  holdout: 'holdout',
  unsubscribed: 'unsubscribed',
  frequency_cap: 'frequency cap',
  journey_cap: 'journey cap',
  stale: 'too late',
  no_email_address: 'no address',
  invalid_email: 'bad address',
  template_error: 'template error',
  bounced: 'bounced before',
  complained: 'complained before',
};
const HELD_WORDS: Record<HeldBackCategory, string> = {
  holdout: 'In the holdout',
  unsubscribed: 'Unsubscribed',
  suppressed: 'Bounced or complained',
  cap: 'Frequency cap',
  stale: 'Too late (stale)',
  other: 'Other reasons',
};

function ComparisonCard({ title, comparison, testId }: { title: string; comparison: Comparison; testId: string }) {
  const { treatment, control } = comparison;
  return (
    <section className="results-lift" data-testid={testId} aria-label={title}>
      <h3 className="results-lift__title">{title}</h3>
      <RateBars
        title={`${title}: goal conversion by group`}
        rows={[
          { label: treatment.label, users: treatment.users, converted: treatment.converted },
          { label: control.label, users: control.users, converted: control.converted },
        ]}
      />
      <p className="results-lift__sentence" data-testid={`${testId}-sentence`}>
        {comparison.sentence}
      </p>
      <p className="results-lift__detail">
        {treatment.label}: {formatCount(treatment.converted)} of {formatCount(treatment.users)}, median{' '}
        {formatDuration(treatment.medianMsToGoal)} to the goal. {control.label}: {formatCount(control.converted)} of{' '}
        {formatCount(control.users)}, median {formatDuration(control.medianMsToGoal)}.
      </p>
    </section>
  );
}

/** An email's clicks (most clicked links first) and opens, with machine fetches said apart. */
function Engagement({ message }: { message: MessageResult }) {
  const { clicks, opens } = message;
  if (!clicks || (clicks.count === 0 && clicks.prefetches === 0 && !opens)) return null;
  const scanners = clicks.prefetches > 0 ? ` (${formatCount(clicks.prefetches)} by link scanners, not counted)` : '';
  return (
    <span className="results-messages__clicks" data-testid={`results-clicks-${message.nodeId}`}>
      Clicked by {formatCount(clicks.people)} {clicks.people === 1 ? 'person' : 'people'}
      {clicks.rate !== null ? ` (${formatRate(clicks.rate)} of delivered)` : ''}
      {scanners}
      {opens ? ` · opened by ${formatCount(opens.people)} (directional)` : ''}
      {clicks.links.length > 0 && (
        <ul className="results-links">
          {clicks.links.slice(0, 5).map((link) => (
            <li key={link.url} title={link.url}>
              <span className="results-links__url">{link.url.replace(/^https?:\/\//, '')}</span>
              <span>
                {formatCount(link.clicks)} {link.clicks === 1 ? 'click' : 'clicks'}
              </span>
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}

/** A journey's results beside the canvas: who entered and left, what each email did, and what the emails changed. */
export function ResultsPanel() {
  const store = useAppStoreApi();
  const journeyId = useAppStore((state) => state.editor?.journeyId);
  const journey = useAppStore((state) => state.editor?.journey);
  const period = useAppStore((state) => state.metricsPeriod);
  const results = useAppStore((state) =>
    state.journeyResults?.journey.id === journeyId ? state.journeyResults : null,
  );
  const load = useAppStore((state) => state.journeyResultsLoad);
  useEffect(() => (journeyId ? store.getState().watchReport({ journeyId }) : undefined), [store, journeyId]);
  if (!journeyId || !journey) return null;
  const title = (nodeId: string) => {
    const node = journey.nodes.find((n) => n.id === nodeId);
    return node ? nodeTitle(node) : nodeId;
  };
  const goal = results?.goal;
  const window = goal ? describeMs(parseDuration(goal.within)) : '';
  return (
    <div className="results" data-testid="results-panel">
      <PeriodPicker
        value={period}
        onChange={(next) => store.getState().setMetricsPeriod(next)}
        testId="results-period"
        compact
      />
      {load.status === 'loading' && !results && <ReportProgress progress={null} label="Counting…" />}
      {load.status === 'error' && (
        <p className="panel-message" role="alert">
          Could not read the results: {load.error}
        </p>
      )}
      {results && (
        <>
          <dl className="results-totals" data-testid="results-totals">
            <div>
              <dt>Entered</dt>
              <dd>{formatCount(results.entered)}</dd>
            </div>
            <div>
              <dt>In it now</dt>
              <dd>{formatCount(results.active)}</dd>
            </div>
            <div>
              <dt>Finished</dt>
              <dd>{formatCount(results.finished)}</dd>
            </div>
          </dl>
          <p className="results-goal" data-testid="results-goal">
            {goal ? (
              <>
                Goal: <strong>{humanizeEvent(goal.event)}</strong> within {window} of entering.
              </>
            ) : (
              <>
                No goal yet.{' '}
                <button type="button" className="link-button" onClick={() => store.getState().setPanel('journey')}>
                  Set one in Settings
                </button>{' '}
                to see conversion and lift.
              </>
            )}
          </p>
          {results.holdout?.comparison && (
            <ComparisonCard
              title={`Emails against the ${results.holdout.percent}% holdout`}
              comparison={results.holdout.comparison}
              testId="holdout-comparison"
            />
          )}
          {goal && !results.holdout && (
            <p className="panel-message results-hint">
              Hold out a share of users (Settings → Goal and holdout) to measure what these emails change.
            </p>
          )}
          {results.splits.flatMap((split) =>
            split.comparisons.map((c) => (
              <ComparisonCard
                key={`${split.nodeId}-${c.treatment.label}`}
                title={`${title(split.nodeId)}: ${c.treatment.label} against ${c.control.label}`}
                comparison={c}
                testId={`split-${split.nodeId}`}
              />
            )),
          )}
          <ReportCard
            title="Emails and webhooks"
            description={
              goal ? `Goal: the share of recipients who reached it within ${window} after the email.` : undefined
            }
            testId="results-messages"
            fileName={`${journeyId}-results-${period.from}-to-${period.to}.csv`}
            csv={() =>
              toCsv(
                [
                  'step',
                  'kind',
                  'sent',
                  'delivered',
                  'failed',
                  'pending',
                  'skipped',
                  'recipients',
                  'converted',
                  'conversion_rate',
                  'clicked_people',
                  'click_rate',
                  'opened_people',
                ],
                results.messages.map((m) => [
                  m.nodeId,
                  m.kind,
                  m.sent,
                  m.delivered,
                  m.failed,
                  m.pending,
                  m.skipped.map((s) => `${s.reason} ${s.count}`).join('; '),
                  m.recipients,
                  m.converted,
                  m.conversion_rate,
                  m.clicks?.people ?? null,
                  m.clicks?.rate ?? null,
                  m.opens?.people ?? null,
                ]),
              )
            }
          >
            {results.messages.length === 0 && <p className="panel-message">Nothing was sent in this period.</p>}
            <ul className="results-messages">
              {results.messages.map((m) => (
                <li key={m.nodeId} data-testid={`results-message-${m.nodeId}`}>
                  <strong className="results-messages__title">{title(m.nodeId)}</strong>
                  <span>
                    {formatCount(m.sent)} sent · {formatCount(m.delivered)} delivered · {formatCount(m.failed)} failed
                    {m.pending > 0 ? ` · ${formatCount(m.pending)} trying` : ''}
                  </span>
                  {m.skipped.length > 0 && (
                    <span className="results-messages__muted">
                      Not sent:{' '}
                      {m.skipped.map((s) => `${SKIP_WORDS[s.reason] ?? s.reason} ${formatCount(s.count)}`).join(', ')}
                    </span>
                  )}
                  <Engagement message={m} />
                  {m.recipients !== null && (
                    <span className="results-messages__goal">
                      Goal: {formatRate(m.conversion_rate)} of {formatCount(m.recipients)} recipients
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </ReportCard>
          <div className="results-lists">
            <section aria-label="How people left" data-testid="results-exits">
              <h3 className="results-lists__title">How people left</h3>
              {results.exits.length === 0 && <p className="panel-message">Nobody has finished yet.</p>}
              <ul>
                {results.exits.map((exit) => (
                  <li key={exit.reason} title={exit.endReasons.map((e) => `${e.endReason}: ${e.runs}`).join(', ')}>
                    <span>{EXIT_WORDS[exit.reason]}</span>
                    <strong>{formatCount(exit.runs)}</strong>
                  </li>
                ))}
              </ul>
            </section>
            <section aria-label="Held back from emails" data-testid="results-held-back">
              <h3 className="results-lists__title">Held back from emails</h3>
              {results.held_back.length === 0 && <p className="panel-message">Nobody.</p>}
              <ul>
                {results.held_back.map((held) => (
                  <li key={held.reason} title={held.reasons.join(', ')}>
                    <span>{HELD_WORDS[held.reason]}</span>
                    <strong>{formatCount(held.users)}</strong>
                  </li>
                ))}
              </ul>
            </section>
          </div>
          <p className="panel-message results-hint">The numbers on the canvas are how many people reached each step.</p>
        </>
      )}
    </div>
  );
}
