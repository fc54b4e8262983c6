import { type FormEvent, useId, useMemo, useState } from 'react';
import { journeyEvents } from '../model/suggestions';
import { useAppStore, useAppStoreApi } from '../store/context';
import { selectDraft } from '../store/selectors';
import { useEventSuggestions, usePropertySuggestions } from '../store/suggestions';
import { Suggestions } from '../ui/fields';
import { appendLine, formatLine, nextOffset, timelineNotes } from './timelineNotes';

/** The gutter and the textarea share this line height (simulator.css). */
const MIN_ROWS = 3;

/**
 * The scenario's events, one per line with a time relative to the start, with line numbers and
 * each line's problem beside it; a row below adds an event picked from the names in use.
 */
export function TimelineEditor() {
  const store = useAppStoreApi();
  const text = useAppStore((state) => state.simulation?.scenario.timeline ?? '');
  const journey = useAppStore(selectDraft);
  const known = useMemo(() => new Set(journeyEvents(journey)), [journey]);
  const { lines, notes } = useMemo(() => timelineNotes(text, known), [text, known]);
  const byLine = useMemo(() => new Map(notes.map((note) => [note.line, note] as const)), [notes]);
  const id = useId();
  const count = text.split('\n').length;
  const setText = (timeline: string) => store.getState().editScenario({ timeline });

  return (
    <div className="sim-timeline">
      <div className="sim-timeline__label-row">
        <label className="field__label" htmlFor={id}>
          Timeline
        </label>
        <span className="field__hint">
          One event per line: <code>+3h api_key_created key=value</code>
        </span>
      </div>
      <div className="code-field">
        <div className="code-field__gutter" aria-hidden="true">
          {lineNumbers(Math.max(count, MIN_ROWS)).map((line) => {
            const note = byLine.get(line);
            return (
              <span
                key={line}
                className={note ? `code-field__line code-field__line--${note.severity}` : 'code-field__line'}
              >
                {line}
              </span>
            );
          })}
        </div>
        <textarea
          id={id}
          className="code-field__text"
          data-testid="timeline"
          value={text}
          rows={Math.max(count, MIN_ROWS)}
          wrap="off"
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          aria-invalid={notes.some((note) => note.severity === 'error') || undefined}
          aria-describedby={notes.length > 0 ? `${id}-notes` : undefined}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      {notes.length > 0 && (
        <ul className="sim-notes" id={`${id}-notes`} data-testid="timeline-notes">
          {notes.map((note) => (
            <li
              key={`${note.line}-${note.message}`}
              className={`sim-note sim-note--${note.severity}`}
              data-line={note.line}
              data-severity={note.severity}
            >
              <span className="sim-note__line">Line {note.line}</span> {note.message}
            </li>
          ))}
        </ul>
      )}
      <AddEvent offer={nextOffset(lines)} onAdd={(line) => setText(appendLine(text, line))} />
    </div>
  );
}

const lineNumbers = (count: number) => Array.from({ length: count }, (_, index) => index + 1);

function AddEvent({ offer, onAdd }: { offer: string; onAdd: (line: string) => void }) {
  const [time, setTime] = useState('');
  const [event, setEvent] = useState('');
  const [properties, setProperties] = useState('');
  const events = useEventSuggestions();
  const known = usePropertySuggestions(event || undefined);
  const id = useId();
  const propertyHint = known
    .slice(0, 3)
    .map((p) => `${p.key}=${p.samples[0] ?? '…'}`)
    .join(' ');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (event.trim() === '') return;
    onAdd(formatLine(time || offer, event, properties));
    setTime('');
    setEvent('');
    setProperties('');
  };
  return (
    <form className="sim-add" onSubmit={submit} aria-label="Add an event" data-testid="add-event">
      <input
        className="input sim-add__time"
        aria-label="When"
        placeholder={offer}
        value={time}
        onChange={(e) => setTime(e.target.value)}
        data-testid="add-event-time"
      />
      <input
        className="input sim-add__event"
        aria-label="Event"
        placeholder="event name"
        list={`${id}-events`}
        value={event}
        onChange={(e) => setEvent(e.target.value)}
        data-testid="add-event-name"
      />
      <Suggestions id={`${id}-events`} values={events} />
      <input
        className="input sim-add__props"
        aria-label="Properties"
        placeholder={propertyHint || 'key=value'}
        value={properties}
        onChange={(e) => setProperties(e.target.value)}
        data-testid="add-event-properties"
      />
      <button type="submit" className="button button--small" disabled={event.trim() === ''}>
        Add
      </button>
    </form>
  );
}
