import './access.css';
import { type FormEvent, useState } from 'react';
import { tokenFromPaste } from './accessLink';

/**
 * Shown instead of the app when the host refuses the API for want of the admin token: asks for
 * the access link `dripagent serve` printed. Opening it lets the host set its cookie and come back.
 */
export function AccessScreen() {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const token = tokenFromPaste(text);
    if (!token) {
      setProblem('That is not an access link. It looks like http://127.0.0.1:4010/?token=…');
      return;
    }
    // Always this host's root: the address bar's path could read as another site (`//evil.example/`).
    window.location.assign(`/?token=${encodeURIComponent(token)}`);
  };

  return (
    <main className="access" data-testid="access-screen">
      <form className="access__card" onSubmit={submit}>
        <span className="access__logo">
          <svg viewBox="0 0 24 24" width="22" height="22" fill="currentColor" aria-hidden="true">
            <path d="M12 2.5c3.2 4.2 6 7.9 6 11.2a6 6 0 0 1-12 0c0-3.3 2.8-7 6-11.2Z" />
          </svg>
        </span>
        <h1 className="access__title">Paste your access link</h1>
        <p className="access__text">
          This DripAgent keeps its journeys and people private. When it started, it printed a link to open, like{' '}
          <code>Open: http://127.0.0.1:4010/?token=…</code>. Paste that link (or only the token) here.
        </p>
        <label className="access__label" htmlFor="access-link">
          Access link
        </label>
        <input
          id="access-link"
          className="access__input"
          data-testid="access-link"
          autoComplete="off"
          placeholder="http://127.0.0.1:4010/?token=…"
          spellCheck={false}
          // biome-ignore lint/a11y/noAutofocus: the only thing to do on this screen is paste the link.
          autoFocus
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setProblem(null);
          }}
          aria-invalid={problem !== null}
          aria-describedby={problem ? 'access-problem' : undefined}
        />
        {problem && (
          <p id="access-problem" className="access__problem" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="button button--primary access__submit" data-testid="access-open">
          Open DripAgent
        </button>
        <p className="access__hint">
          Lost it? Run <code>dripagent serve</code> again to see it, or read <code>DRIPAGENT_ADMIN_TOKEN</code> if your
          team set one.
        </p>
      </form>
    </main>
  );
}
