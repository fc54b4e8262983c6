import { useEffect, useId, useState } from 'react';
import type { RenderedParts } from '../../../shared/journey/template';
import { useAppStoreApi } from '../store/context';
import type { SpamCheck, TestSendResult } from '../store/deliverabilitySlice';

/** Scoring waits for a pause in typing: SpamAssassin takes a second or two of a core. */
const SCORE_DELAY_MS = 1200;

type Score = { state: 'scoring' } | { state: 'done'; check: SpamCheck } | { state: 'error'; error: string };

/** The spam score of the previewed email and a test send, under the preview. */
export function MailChecks({ parts, from }: { parts: RenderedParts; from: string | undefined }) {
  return (
    <div className="mail-checks">
      <SpamScore parts={parts} from={from} />
      <TestSend parts={parts} from={from} />
    </div>
  );
}

function SpamScore({ parts, from }: { parts: RenderedParts; from: string | undefined }) {
  const store = useAppStoreApi();
  const [score, setScore] = useState<Score>({ state: 'scoring' });
  const { subject, html, text } = parts;
  useEffect(() => {
    let current = true;
    setScore({ state: 'scoring' });
    const timer = setTimeout(async () => {
      const result = await store.getState().checkSpam({ subject, html, text, ...(from ? { from } : {}) });
      if (!current) return;
      setScore(result.ok ? { state: 'done', check: result.result } : { state: 'error', error: result.error.message });
    }, SCORE_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [store, subject, html, text, from]);

  if (score.state === 'scoring') {
    return (
      <section className="spam-score" aria-label="Spam score" data-testid="spam-score" data-state="scoring">
        <p className="spam-score__headline spam-score__headline--muted">Checking how spam filters see this email…</p>
      </section>
    );
  }
  if (score.state === 'error') {
    return (
      <section className="spam-score" aria-label="Spam score" data-testid="spam-score" data-state="error">
        <p className="spam-score__headline spam-score__headline--muted" role="alert">
          Could not score this email: {score.error}
        </p>
      </section>
    );
  }
  const { spamassassin, checks } = score.check;
  const over = spamassassin.available && spamassassin.score >= spamassassin.required;
  const level = over
    ? 'bad'
    : checks.length > 0 || (spamassassin.available && spamassassin.score >= 2.5)
      ? 'warn'
      : 'good';
  const rules = spamassassin.available ? spamassassin.rules.filter((rule) => rule.points > 0) : [];
  return (
    <section
      className="spam-score"
      aria-label="Spam score"
      data-testid="spam-score"
      data-state="done"
      data-level={level}
    >
      <p className={`spam-score__headline spam-score__headline--${level}`}>
        {spamassassin.available ? (
          <>
            Spam score{' '}
            <strong data-testid="spam-score-value">
              {spamassassin.score.toFixed(1)} / {spamassassin.required.toFixed(1)}
            </strong>
            {over ? ': likely to land in spam' : level === 'good' ? ': looks fine' : ': could be better'}
          </>
        ) : spamassassin.error ? (
          `SpamAssassin could not score this email (${spamassassin.error}): built-in checks only.`
        ) : (
          'SpamAssassin is not installed on this computer: built-in checks only.'
        )}
      </p>
      {(rules.length > 0 || checks.length > 0) && (
        <details className="spam-score__details" open={over}>
          <summary>
            {rules.length > 0 && `${rules.length} ${rules.length === 1 ? 'rule' : 'rules'} fired`}
            {rules.length > 0 && checks.length > 0 && ', '}
            {checks.length > 0 && `${checks.length} ${checks.length === 1 ? 'thing' : 'things'} to fix`}
          </summary>
          <ul className="spam-score__list" data-testid="spam-rules">
            {checks.map((check) => (
              <li key={check.id} data-testid="spam-check">
                {check.message}
              </li>
            ))}
            {rules.map((rule) => (
              <li key={rule.name} data-testid="spam-rule" title={rule.name}>
                <span className="spam-score__points">+{rule.points.toFixed(1)}</span> {rule.description}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function TestSend({ parts, from }: { parts: RenderedParts; from: string | undefined }) {
  const store = useAppStoreApi();
  const id = useId();
  const [to, setTo] = useState('');
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const send = async () => {
    setSending(true);
    setOutcome(null);
    const result = await store.getState().sendTestEmail({ ...parts, to, ...(from ? { from } : {}) });
    setSending(false);
    if (!result.ok) return setOutcome({ ok: false, text: result.error.message });
    const sent: TestSendResult = result.result;
    setOutcome(
      sent.ok
        ? {
            ok: true,
            text:
              sent.route === 'dev-inbox'
                ? `Sent to ${to}: it is in the Inbox (no SMTP server is set, so it stays on this computer).`
                : `Sent to ${to} through your SMTP server.`,
          }
        : { ok: false, text: `Not sent: ${sent.error}` },
    );
  };
  return (
    <form
      className="test-send"
      aria-label="Send a test"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <label className="field__label" htmlFor={id}>
        Send a test to
      </label>
      <div className="test-send__row">
        <input
          id={id}
          type="email"
          className="input"
          placeholder="you@yourcompany.com"
          data-testid="test-send-to"
          value={to}
          onChange={(event) => {
            setTo(event.target.value);
            setOutcome(null);
          }}
        />
        <button type="submit" className="button" data-testid="test-send" disabled={sending || to.trim() === ''}>
          {sending ? 'Sending…' : 'Send test'}
        </button>
      </div>
      {outcome && (
        <p
          className={`test-send__result test-send__result--${outcome.ok ? 'ok' : 'error'}`}
          role={outcome.ok ? 'status' : 'alert'}
          data-testid="test-send-result"
        >
          {outcome.text}
        </p>
      )}
      <p className="field__hint">Marked “[Test]” in the subject; never counted in results, never suppressed.</p>
    </form>
  );
}
