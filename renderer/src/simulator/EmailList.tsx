import { useState } from 'react';
import type { ScenarioEmail } from '../model/scenario-run';
import { formatOffset } from '../model/scenario-timeline';
import { useAppStore, useAppStoreApi } from '../store/context';
import { formatMoment } from './clock';
import type { SimulationView } from './useSimulationView';

/**
 * Every email the user gets, with its send time, opened to read as they would (subject, the
 * HTML in a sandboxed frame, the plain text); and the emails reached but not sent, with why.
 */
export function EmailList({ view }: { view: SimulationView }) {
  const store = useAppStoreApi();
  const clock = useAppStore((state) => {
    const cursor = state.simulation?.cursor ?? 0;
    return cursor > 0 ? (view.times[cursor - 1] ?? view.result.start) : Number.NEGATIVE_INFINITY;
  });
  const [open, setOpen] = useState<number | null>(null);
  const { result } = view;
  const skipped = result.path
    .map((step, index) => ({ step, index }))
    .filter(({ step, index }) => view.kinds[index] === 'skip' && view.node(step.nodeId)?.type === 'email');
  const stepOf = (email: ScenarioEmail) =>
    result.path.findIndex(
      (step, index) => step.nodeId === email.nodeId && step.at === email.at && view.kinds[index] === 'email',
    );
  // Sent and skipped emails in one time order.
  const rows = [
    ...result.emails.map((email, index) => ({ at: email.at, sent: { email, index } as const })),
    ...skipped.map(({ step, index }) => ({ at: step.at, skip: { step, index } as const })),
  ].sort((a, b) => a.at - b.at);

  return (
    <section className="sim-section" aria-labelledby="sim-emails-title">
      <h3 className="form-section__title" id="sim-emails-title">
        Emails <span className="sim-count">{result.emails.length}</span>
      </h3>
      {result.emails.length === 0 && skipped.length === 0 && (
        <p className="panel-message" data-testid="sim-no-emails">
          This user gets no email.
        </p>
      )}
      <ul className="sim-emails" data-testid="sim-emails">
        {rows.map((row) => {
          if ('skip' in row) {
            const { step, index } = row.skip;
            return (
              <li
                key={`skip-${index}`}
                className="sim-email sim-email--skipped"
                data-testid="sim-email-skipped"
                data-node-id={step.nodeId}
              >
                <div className="sim-email__row">
                  <time className="sim-time">{formatOffset(step.at - result.start)}</time>
                  <span className="sim-email__text">
                    <span className="sim-email__subject">{view.node(step.nodeId)?.title ?? step.nodeId}</span>
                    <span className="sim-email__why">{step.message}</span>
                  </span>
                </div>
              </li>
            );
          }
          const { email, index } = row.sent;
          const offset = formatOffset(email.at - result.start);
          const isOpen = open === index;
          const node = view.node(email.nodeId);
          return (
            <li
              key={`${email.nodeId}-${email.at}`}
              className={`sim-email${email.at > clock ? ' sim-email--later' : ''}${isOpen ? ' sim-email--open' : ''}`}
              data-testid="sim-email"
              data-node-id={email.nodeId}
              data-offset={offset}
            >
              <button
                type="button"
                className="sim-email__row"
                aria-expanded={isOpen}
                onClick={() => {
                  setOpen(isOpen ? null : index);
                  const step = stepOf(email);
                  if (!isOpen && step >= 0) store.getState().setCursor(step + 1, { follow: true });
                }}
              >
                <time className="sim-time" title={formatMoment(email.at, view.timeZone)} data-testid="sim-email-time">
                  {offset}
                </time>
                <span className="sim-email__text">
                  <span className="sim-email__subject" data-testid="sim-email-subject">
                    {email.subject}
                  </span>
                  <span className="sim-email__node">{node?.title ?? email.nodeId}</span>
                </span>
              </button>
              {isOpen && <EmailMessage email={email} view={view} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function EmailMessage({ email, view }: { email: ScenarioEmail; view: SimulationView }) {
  const [part, setPart] = useState<'html' | 'text'>('html');
  return (
    <div className="sim-message" data-testid="sim-email-message">
      <dl className="sim-message__meta">
        <dt>From</dt>
        <dd>{email.from ?? '—'}</dd>
        <dt>To</dt>
        <dd>{view.to}</dd>
        <dt>Sent</dt>
        <dd>
          {formatMoment(email.at, view.timeZone)} ({formatOffset(email.at - view.result.start)})
        </dd>
      </dl>
      <p className="sim-message__subject" data-testid="sim-message-subject">
        {email.subject}
      </p>
      <div className="sim-message__tabs" role="tablist" aria-label="Email part">
        {(['html', 'text'] as const).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={part === name}
            className={`sim-message__tab${part === name ? ' sim-message__tab--on' : ''}`}
            data-testid={`sim-message-${name}-tab`}
            onClick={() => setPart(name)}
          >
            {name === 'html' ? 'HTML' : 'Text'}
          </button>
        ))}
      </div>
      {part === 'html' ? (
        <iframe
          className="sim-message__frame"
          title={`The email “${email.subject}”`}
          sandbox=""
          srcDoc={email.html}
          data-testid="sim-message-html"
        />
      ) : (
        <pre className="sim-message__text" data-testid="sim-message-text">
          {email.text}
        </pre>
      )}
    </div>
  );
}
