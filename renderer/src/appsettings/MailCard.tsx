import { type FormEvent, useEffect, useState } from 'react';
import type { MailSettingsView } from '../../../shared/api/mail';
import { useAppStore, useAppStoreApi } from '../store/context';
import { explainSmtpError } from './smtpErrors';

interface Form {
  host: string;
  port: string;
  secure: boolean;
  user: string;
  /** Empty: keep the stored password. */
  password: string;
  removePassword: boolean;
  from: string;
}

type Outcome =
  | { kind: 'testing' | 'saving' }
  | { kind: 'ok'; text: string }
  | { kind: 'error'; text: string; detail?: string }
  | null;

function formFrom(view: MailSettingsView | null): Form {
  const smtp = view?.smtp;
  return {
    host: smtp?.host ?? '',
    port: String(smtp?.port ?? 587),
    secure: smtp?.secure ?? false,
    user: smtp?.user ?? '',
    password: '',
    removePassword: false,
    from: view?.from ?? '',
  };
}

/** Where email goes: the built-in dev inbox, or a real SMTP server set here (or by DRIPAGENT_SMTP_URL). */
export function MailCard() {
  const store = useAppStoreApi();
  const view = useAppStore((state) => state.mailSettings);
  const load = useAppStore((state) => state.mailSettingsLoad);
  const [form, setForm] = useState<Form>(() => formFrom(view));
  const [touched, setTouched] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  // The form follows the stored settings until the user starts typing.
  useEffect(() => {
    if (!touched) setForm(formFrom(view));
  }, [view, touched]);

  if (!view) {
    return (
      <section className="card" aria-labelledby="mail-title">
        <h2 className="card__title" id="mail-title">
          Email delivery
        </h2>
        <p className="panel-message" role={load.status === 'error' ? 'alert' : undefined}>
          {load.status === 'error' ? `Could not read the mail settings: ${load.error}` : 'Loading…'}
        </p>
      </section>
    );
  }

  const fromEnv = view.source === 'env';
  const change = (changes: Partial<Form>) => {
    setTouched(true);
    setOutcome(null);
    setForm((current) => ({ ...current, ...changes }));
  };
  const port = Number(form.port);
  const portValid = Number.isInteger(port) && port >= 1 && port <= 65535;
  const hostValid = form.host.trim() !== '';
  const server = () => ({
    host: form.host.trim(),
    port,
    secure: form.secure,
    user: form.user.trim() || null,
    // Omitted keeps the stored password; null removes it.
    ...(form.removePassword ? { password: null } : form.password ? { password: form.password } : {}),
  });

  const test = async () => {
    if (!fromEnv && (!hostValid || !portValid)) {
      setOutcome({ kind: 'error', text: 'Enter the server name and a port from 1 to 65535 first.' });
      return;
    }
    setOutcome({ kind: 'testing' });
    const target = fromEnv ? view.smtp : server();
    const result = await store.getState().testMailSettings(fromEnv ? undefined : server());
    const where = target ? `${target.host}:${target.port}` : 'the server';
    setOutcome(
      result.ok
        ? { kind: 'ok', text: `Connected to ${where} and logged in. Nothing was sent.` }
        : {
            kind: 'error',
            text: explainSmtpError(result.error, target?.host ?? '', target?.port ?? 0),
            detail: result.error,
          },
    );
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!hostValid || !portValid) {
      setOutcome({ kind: 'error', text: 'Enter the server name and a port from 1 to 65535.' });
      return;
    }
    setOutcome({ kind: 'saving' });
    const result = await store.getState().saveMailSettings({ ...server(), from: form.from.trim() || null });
    if (result.ok) {
      setTouched(false);
      setOutcome({ kind: 'ok', text: `Saved. Emails now go out through ${form.host.trim()}.` });
    } else {
      const issues = result.error.issues?.map((issue) => `${issue.path}: ${issue.message}`).join(' ');
      setOutcome({ kind: 'error', text: `Not saved: ${issues || result.error.message}` });
    }
  };

  const switchToDevInbox = async () => {
    setOutcome({ kind: 'saving' });
    const result = await store.getState().switchToDevInbox();
    if (result.ok) {
      setTouched(false);
      setOutcome({
        kind: 'ok',
        text:
          result.result.mode === 'none'
            ? 'The server and password were forgotten: emails wait until a server is set.'
            : 'Emails go to the dev inbox again. The server and password were forgotten.',
      });
    } else setOutcome({ kind: 'error', text: result.error.message });
  };

  const busy = outcome?.kind === 'testing' || outcome?.kind === 'saving';
  return (
    <section className="card" aria-labelledby="mail-title" data-testid="mail-settings">
      <h2 className="card__title" id="mail-title">
        Email delivery
      </h2>
      <p className="card__hint">
        To email real people, enter the SMTP details from your email provider (Postmark, SendGrid, Amazon SES, Google
        Workspace…). Test the connection first: nothing is sent.
      </p>
      <MailMode view={view} />
      {fromEnv && (
        <p className="env-note" data-testid="smtp-env-note">
          The <code>DRIPAGENT_SMTP_URL</code> environment variable is set, so it decides the server and the form below
          can’t change it. Remove the variable and restart DripAgent to use these settings.
        </p>
      )}
      <form className="smtp-form" onSubmit={save} noValidate>
        <fieldset className="smtp-form__fields" disabled={fromEnv || busy}>
          <legend className="visually-hidden">SMTP server</legend>
          <div className="smtp-form__row">
            <label className="field smtp-form__host">
              <span className="field__label">Server</span>
              <input
                className="input"
                data-testid="smtp-host"
                placeholder="smtp.example.com"
                autoComplete="off"
                spellCheck={false}
                value={form.host}
                onChange={(event) => change({ host: event.target.value })}
              />
            </label>
            <label className="field smtp-form__port">
              <span className="field__label">Port</span>
              <input
                className="input"
                data-testid="smtp-port"
                inputMode="numeric"
                aria-invalid={!portValid}
                value={form.port}
                onChange={(event) => change({ port: event.target.value })}
              />
            </label>
          </div>
          <label className="field">
            <span className="field__label">Encryption</span>
            <select
              className="input input--select"
              data-testid="smtp-secure"
              value={form.secure ? 'tls' : 'starttls'}
              onChange={(event) => {
                const secure = event.target.value === 'tls';
                // Move the port along when it still has the other choice's usual value.
                const portFor = secure
                  ? form.port === '587'
                    ? '465'
                    : form.port
                  : form.port === '465'
                    ? '587'
                    : form.port;
                change({ secure, port: portFor });
              }}
            >
              <option value="starttls">STARTTLS: starts plain, then encrypts (usually port 587)</option>
              <option value="tls">TLS from the start (usually port 465)</option>
            </select>
          </label>
          <div className="smtp-form__row">
            <label className="field">
              <span className="field__label">Username</span>
              <input
                className="input"
                data-testid="smtp-user"
                autoComplete="off"
                spellCheck={false}
                value={form.user}
                onChange={(event) => change({ user: event.target.value })}
              />
            </label>
            <label className="field">
              <span className="field__label smtp-form__password-label">
                Password
                <span
                  className={`pill ${view.smtp?.hasPassword ? 'pill--ok' : 'pill--quiet'}`}
                  data-testid="smtp-password-state"
                >
                  {view.smtp?.hasPassword ? 'set' : 'not set'}
                </span>
              </span>
              <input
                className="input"
                type="password"
                data-testid="smtp-password"
                autoComplete="new-password"
                placeholder={view.smtp?.hasPassword && !fromEnv ? 'Leave empty to keep the saved one' : ''}
                disabled={form.removePassword}
                value={form.password}
                onChange={(event) => change({ password: event.target.value })}
              />
            </label>
          </div>
          {view.smtp?.hasPassword && view.source === 'settings' && (
            <label className="checkbox smtp-form__remove">
              <input
                type="checkbox"
                checked={form.removePassword}
                onChange={(event) => change({ removePassword: event.target.checked, password: '' })}
              />
              Remove the saved password
            </label>
          )}
          <label className="field">
            <span className="field__label">Default sender</span>
            <input
              className="input"
              data-testid="smtp-from"
              placeholder="Acme <hello@acme.io>"
              value={form.from}
              onChange={(event) => change({ from: event.target.value })}
            />
            <span className="field__hint">Used when a journey doesn’t set its own “From” address.</span>
          </label>
        </fieldset>
        {!fromEnv && <p className="field__hint smtp-form__storage">{storageWords(view.secretStorage)}</p>}
        <div className="smtp-form__actions">
          <button type="button" className="button" data-testid="smtp-test" disabled={busy} onClick={test}>
            {outcome?.kind === 'testing' ? 'Testing…' : 'Test connection'}
          </button>
          {!fromEnv && (
            <button type="submit" className="button button--primary" data-testid="smtp-save" disabled={busy}>
              {outcome?.kind === 'saving' ? 'Saving…' : 'Save and use this server'}
            </button>
          )}
          {view.source === 'settings' && (
            <button
              type="button"
              className="button"
              data-testid="smtp-use-dev-inbox"
              disabled={busy}
              onClick={switchToDevInbox}
            >
              {view.secretStorage === 'database' ? 'Forget this server' : 'Use the dev inbox instead'}
            </button>
          )}
        </div>
        {outcome && (outcome.kind === 'ok' || outcome.kind === 'error') && (
          <div
            className={`smtp-result smtp-result--${outcome.kind}`}
            role={outcome.kind === 'error' ? 'alert' : 'status'}
            data-testid="smtp-result"
            data-result={outcome.kind}
          >
            <p className="smtp-result__text">{outcome.text}</p>
            {outcome.kind === 'error' && outcome.detail && (
              <p className="smtp-result__detail">
                Details: <code>{outcome.detail}</code>
              </p>
            )}
          </div>
        )}
      </form>
    </section>
  );
}

function MailMode({ view }: { view: MailSettingsView }) {
  if (view.mode === 'dev-inbox') {
    return (
      <div className="mail-mode mail-mode--dev" data-testid="mail-mode" data-mode="dev-inbox">
        <strong>Emails go to the dev inbox.</strong> Nothing reaches real people: every email lands in the Inbox tab on
        this computer. Set up your email server below when you are ready to send for real.
      </div>
    );
  }
  if (view.mode === 'none') {
    return (
      <div className="mail-mode mail-mode--dev" data-testid="mail-mode" data-mode="none">
        <strong>No email server is set.</strong> Emails wait in the outbox until one is: set it up below (every engine
        uses it within a few seconds), or give every engine DRIPAGENT_SMTP_URL.
      </div>
    );
  }
  const smtp = view.smtp;
  return (
    <div className="mail-mode mail-mode--smtp" data-testid="mail-mode" data-mode="smtp">
      <strong>Emails are sent for real</strong> through {smtp?.host}:{smtp?.port}
      {smtp?.secure ? ' over TLS' : ''}
      {view.source === 'env' ? ' (from DRIPAGENT_SMTP_URL)' : ''}.
    </div>
  );
}

function storageWords(kind: MailSettingsView['secretStorage']): string {
  switch (kind) {
    case 'safe-storage':
      return 'The password is kept encrypted in your system’s keychain and is never shown again.';
    case 'file':
      return 'The password is kept in a file only your user account can read, and is never shown again.';
    case 'memory':
      return 'The password is kept in memory only: it is forgotten when DripAgent stops.';
    case 'database':
      return 'The password is kept in the shared database, where every engine reads it, and is never shown again.';
    default:
      return kind satisfies never;
  }
}
