import { useEffect, useId, useMemo, useState } from 'react';
import { humanizeEvent } from '../../../shared/journey/humanize';
import type { Journey, Template } from '../../../shared/journey/schema';
import type { StoredEvent, StoredPerson } from '../store/catalogSlice';
import { useAppStoreApi } from '../store/context';
import { MailChecks } from './MailChecks';
import { PersonPicker } from './PersonPicker';
import {
  formatKeyValues,
  parseKeyValues,
  previewContext,
  renderPreview,
  SAMPLE_PROFILE,
  SAMPLE_TRIGGER,
} from './preview';

/**
 * The email rendered by the shared template code for a sample profile or a stored person: their
 * traits, and the properties of their own newest trigger event (what would start the journey for
 * them), not the sample's.
 */
export function EmailPreview({ journey, template, from }: { journey: Journey; template: Template; from?: string }) {
  const store = useAppStoreApi();
  const [person, setPerson] = useState<StoredPerson | null>(null);
  const [profileText, setProfileText] = useState(formatKeyValues(SAMPLE_PROFILE));
  const [triggerText, setTriggerText] = useState(formatKeyValues(SAMPLE_TRIGGER));
  const [part, setPart] = useState<'html' | 'text'>('html');
  const triggerEvent = journey.nodes.find((node) => node.type === 'trigger')?.config;
  const eventName = triggerEvent && 'event' in triggerEvent ? triggerEvent.event : '';
  // The chosen person's own trigger: undefined while it loads, null when they never sent it.
  const [stored, setStored] = useState<{ userId: string; event: StoredEvent | null } | undefined>();
  useEffect(() => {
    setStored(undefined);
    if (!person || !eventName) return;
    let current = true;
    store
      .getState()
      .lastEventOf(person.userId, eventName)
      .then((event) => current && setStored({ userId: person.userId, event }))
      .catch(() => current && setStored({ userId: person.userId, event: null }));
    return () => {
      current = false;
    };
  }, [store, person, eventName]);
  const own = person && stored?.userId === person.userId ? stored.event : null;
  const traits = person ? person.traits : parseKeyValues(profileText);
  const trigger = own ? own.properties : parseKeyValues(triggerText);
  const result = useMemo(
    () => renderPreview(template, previewContext(journey, person?.userId ?? 'preview-user', traits, trigger)),
    [template, journey, person, traits, trigger],
  );
  const profileId = useId();
  const triggerId = useId();
  return (
    <aside className="email-preview" aria-label="Preview" data-testid="email-preview">
      <div className="email-preview__controls">
        <PersonPicker person={person} onChoose={setPerson} />
        {person && eventName && stored && (
          <p className="email-preview__source" data-testid="preview-trigger-source">
            {own
              ? `With their “${humanizeEvent(eventName)}” of ${new Date(own.timestamp).toLocaleString()}.`
              : `They have no “${humanizeEvent(eventName)}” event: the sample's trigger properties are used.`}
          </p>
        )}
        <details className="email-preview__data">
          <summary>Profile and trigger used</summary>
          <label className="field__label" htmlFor={profileId}>
            Traits (key = value)
          </label>
          <textarea
            id={profileId}
            className="input input--multiline input--code"
            rows={5}
            value={person ? formatKeyValues(person.traits) : profileText}
            readOnly={!!person}
            onChange={(event) => setProfileText(event.target.value)}
          />
          <label className="field__label" htmlFor={triggerId}>
            Trigger properties (key = value)
          </label>
          <textarea
            id={triggerId}
            className="input input--multiline input--code"
            rows={2}
            value={own ? formatKeyValues(own.properties) : triggerText}
            readOnly={!!own}
            data-testid="preview-trigger"
            onChange={(event) => setTriggerText(event.target.value)}
          />
        </details>
      </div>
      {result.ok ? (
        <div className="email-preview__message">
          <p className="email-preview__subject" data-testid="preview-subject">
            {result.parts.subject || <em>No subject</em>}
          </p>
          <div className="segmented" role="tablist" aria-label="Part">
            <button
              type="button"
              role="tab"
              aria-selected={part === 'html'}
              className={`segmented__option${part === 'html' ? ' segmented__option--on' : ''}`}
              onClick={() => setPart('html')}
            >
              HTML
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={part === 'text'}
              className={`segmented__option${part === 'text' ? ' segmented__option--on' : ''}`}
              data-testid="preview-text-tab"
              onClick={() => setPart('text')}
            >
              Text
            </button>
          </div>
          {part === 'html' ? (
            <iframe
              className="email-preview__frame"
              title="HTML preview"
              sandbox=""
              srcDoc={result.parts.html}
              data-testid="preview-html"
            />
          ) : (
            <pre className="email-preview__text" data-testid="preview-text">
              {result.parts.text}
            </pre>
          )}
        </div>
      ) : (
        <p className="email-preview__error" role="alert" data-testid="preview-error">
          This email cannot be rendered: {result.error}
        </p>
      )}
      {result.ok && <MailChecks parts={result.parts} from={from} />}
    </aside>
  );
}
