import { useState } from 'react';
import { useAppStore } from '../store/context';
import { CopyButton } from './CopyButton';
import { curlSnippet, nodeSnippet } from './snippets';

type SnippetKind = 'node' | 'curl';

/** The write key and events address, with code a developer can paste as is. */
export function EventsCard() {
  const status = useAppStore((state) => state.engineStatus);
  const load = useAppStore((state) => state.engineStatusLoad);
  const [kind, setKind] = useState<SnippetKind>('node');

  if (!status) {
    return (
      <section className="card" aria-labelledby="events-title">
        <h2 className="card__title" id="events-title">
          Send events
        </h2>
        <p className="panel-message" role={load.status === 'error' ? 'alert' : undefined}>
          {load.status === 'error' ? `Could not read the engine’s settings: ${load.error}` : 'Loading…'}
        </p>
      </section>
    );
  }

  const url = status.eventsUrl;
  const snippet = url ? (kind === 'node' ? nodeSnippet(status.writeKey, url) : curlSnippet(status.writeKey, url)) : '';
  return (
    <section className="card" aria-labelledby="events-title" data-testid="events-settings">
      <h2 className="card__title" id="events-title">
        Send events
      </h2>
      <p className="card__hint">
        Journeys start and move when your product tells DripAgent what people do. It speaks Segment’s format, so any
        Segment library works: give your developer the key and address below.
      </p>

      <div className="setting-row">
        <span className="setting-row__label">Write key</span>
        <div className="setting-row__value">
          <code className="secret" data-testid="write-key">
            {status.writeKey}
          </code>
          <CopyButton text={status.writeKey} testId="copy-write-key" />
        </div>
        {status.writeKeyFromEnv ? (
          <p className="setting-row__note setting-row__note--env" data-testid="write-key-env">
            Set by the <code>DRIPAGENT_WRITE_KEY</code> environment variable: change it there.
          </p>
        ) : (
          <p className="setting-row__note">Like a password for sending events: share it only with your developers.</p>
        )}
      </div>

      <div className="setting-row">
        <span className="setting-row__label">Events address</span>
        <div className="setting-row__value">
          {url ? (
            <>
              <code data-testid="events-url">{url}</code>
              <CopyButton text={url} testId="copy-events-url" />
            </>
          ) : (
            <span className="panel-message">Not listening for events yet.</span>
          )}
        </div>
        {url && (
          <p className="setting-row__note">
            Accepts <code>POST /v1/track</code>, <code>/v1/identify</code> and <code>/v1/batch</code>.
          </p>
        )}
      </div>

      {url && (
        <div className="snippet">
          <div className="snippet__bar">
            <div className="segmented" role="radiogroup" aria-label="Example">
              {(['node', 'curl'] as const).map((option) => (
                <label key={option} className={`segmented__option${kind === option ? ' segmented__option--on' : ''}`}>
                  <input
                    type="radio"
                    name="snippet-kind"
                    className="visually-hidden"
                    checked={kind === option}
                    data-testid={`snippet-${option}`}
                    onChange={() => setKind(option)}
                  />
                  {option === 'node' ? 'Node.js (Segment library)' : 'curl'}
                </label>
              ))}
            </div>
            <CopyButton text={snippet} label="Copy code" testId="copy-snippet" />
          </div>
          <pre className="snippet__code" data-testid="snippet-code">
            {snippet}
          </pre>
        </div>
      )}
    </section>
  );
}
