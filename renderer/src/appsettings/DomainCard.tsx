import './deliverability.css';
import { useEffect, useId, useState } from 'react';
import type { RecordCheck } from '../../../shared/api/deliverability';
import { useAppStore, useAppStoreApi } from '../store/context';
import type { DomainCheckResult } from '../store/deliverabilitySlice';
import { When } from '../ui/When';
import { CopyButton } from './CopyButton';

const CHECKS = [
  { key: 'spf', name: 'SPF', what: 'which servers may send as your domain' },
  { key: 'dkim', name: 'DKIM', what: 'the signature that proves the email is yours' },
  { key: 'dmarc', name: 'DMARC', what: 'what receivers do with mail that fails' },
  { key: 'mx', name: 'MX', what: 'where replies and bounces go' },
] as const;

const STATUS_WORDS: Record<RecordCheck['status'], string> = { pass: 'Pass', fail: 'Fail', missing: 'Missing' };
const STATUS_PILLS: Record<RecordCheck['status'], string> = {
  pass: 'pill--ok',
  fail: 'pill--bad',
  missing: 'pill--wait',
};

/** Settings → Sending domain: SPF, DKIM, DMARC and MX looked up now, each with what to add. */
export function DomainCard() {
  const store = useAppStoreApi();
  const status = useAppStore((state) => state.domainStatus);
  const [form, setForm] = useState<{ domain: string; selector: string; dns: string } | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<DomainCheckResult | null>(null);

  useEffect(() => {
    void store.getState().loadDomainStatus();
  }, [store]);
  useEffect(() => {
    if (!status || form) return;
    setForm({
      domain: status.last?.report.domain ?? status.suggestedDomain ?? '',
      selector: status.selector ?? '',
      dns: status.dnsServers.join(', '),
    });
    setResult(status.last);
  }, [status, form]);
  if (!status || !form) return null;

  const check = async () => {
    setChecking(true);
    setError(null);
    const outcome = await store.getState().checkDomain({
      domain: form.domain,
      ...(form.selector.trim() ? { selector: form.selector } : {}),
      dns: form.dns,
    });
    setChecking(false);
    if (outcome.ok) setResult(outcome.result);
    else setError(outcome.error.message);
  };

  return (
    <section className="card" aria-labelledby="domain-title" data-testid="domain-settings">
      <h2 className="card__title" id="domain-title">
        Sending domain
      </h2>
      <p className="card__hint">
        Mailbox providers check that your domain allows the server that sends your email, and that it is signed. Setup
        reminders that land in spam are worse than none: check before you publish.
      </p>
      <form
        className="domain-form"
        onSubmit={(event) => {
          event.preventDefault();
          void check();
        }}
      >
        <FormInput
          className="domain-form__domain"
          label="Domain you send from"
          testId="domain-name"
          placeholder="e.g. acme.io"
          value={form.domain}
          onChange={(domain) => setForm({ ...form, domain })}
        />
        <FormInput
          className="domain-form__selector"
          label="DKIM selector"
          testId="domain-selector"
          placeholder="e.g. drip"
          value={form.selector}
          onChange={(selector) => setForm({ ...form, selector })}
        />
        <FormInput
          className="domain-form__dns"
          label="DNS servers"
          testId="domain-dns"
          placeholder="This computer’s"
          value={form.dns}
          onChange={(dns) => setForm({ ...form, dns })}
        />
        <button
          type="submit"
          className="button button--primary domain-form__check"
          data-testid="domain-check"
          disabled={checking || form.domain.trim() === ''}
        >
          {checking ? 'Checking…' : 'Check domain'}
        </button>
      </form>
      <p className="field__hint domain-form__against">
        Checked against{' '}
        {status.smtpHost ? (
          <>
            the SMTP server <code>{status.smtpHost}</code>
          </>
        ) : (
          'no SMTP server (mail goes to the dev inbox)'
        )}
        {status.selector ? (
          <>
            {' '}
            and the DKIM key of selector <code>{status.selector}</code>
          </>
        ) : (
          ' and no DKIM key'
        )}
        .
      </p>
      {error && (
        <p className="domain-error" role="alert" data-testid="domain-error">
          {error}
        </p>
      )}
      {result && !error && <DomainResult result={result} />}
    </section>
  );
}

/** A labelled input of the check's one-line form. */
function FormInput(props: {
  className: string;
  label: string;
  testId: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className={`field ${props.className}`}>
      <label className="field__label" htmlFor={id}>
        {props.label}
      </label>
      <input
        id={id}
        className="input"
        data-testid={props.testId}
        placeholder={props.placeholder}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </div>
  );
}

function DomainResult({ result }: { result: DomainCheckResult }) {
  const failing = CHECKS.filter((check) => result.report[check.key].status !== 'pass');
  return (
    <div className="domain-result" data-testid="domain-result" data-passed={result.passed}>
      <p className={`domain-summary domain-summary--${result.passed ? 'pass' : 'fail'}`} data-testid="domain-summary">
        {result.passed
          ? `${result.report.domain} is ready to send from.`
          : `${result.report.domain}: ${failing.map((check) => check.name).join(', ')} ${failing.length === 1 ? 'needs' : 'need'} attention before you send at scale.`}{' '}
        <span className="domain-summary__when">
          Checked <When at={Date.parse(result.checkedAt)} />
        </span>
      </p>
      <ul className="domain-checks">
        {CHECKS.map((check) => {
          const verdict = result.report[check.key];
          return (
            <li
              key={check.key}
              className="domain-check"
              data-testid={`domain-${check.key}`}
              data-status={verdict.status}
            >
              <div className="domain-check__head">
                <span className="domain-check__name">{check.name}</span>
                <span className={`pill ${STATUS_PILLS[verdict.status]}`}>{STATUS_WORDS[verdict.status]}</span>
                <span className="domain-check__what">{check.what}</span>
              </div>
              {verdict.record && (
                <p className="domain-check__found">
                  Found: <code>{verdict.record}</code>
                </p>
              )}
              <p className="domain-check__advice">{verdict.advice}</p>
              {verdict.warning && <p className="domain-check__warning">{verdict.warning}</p>}
              {verdict.add && (
                <div className="domain-check__add">
                  <code className="code-box" data-testid={`domain-${check.key}-add`}>
                    {verdict.add}
                  </code>
                  <CopyButton text={verdict.add} label="Copy record" />
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
