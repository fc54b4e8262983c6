import { memo, useState } from 'react';
import { humanizeEvent } from '../../../shared/journey/humanize';
import { When } from '../ui/When';
import { DeliveryStatus } from './DeliveryStatus';
import type { TimelineEntry, TraceRun } from './timeline';
import { type JourneyWords, useJourneyWords } from './useJourneyWords';

type Filter = 'all' | 'event' | 'decision' | 'message';
const FILTERS: { id: Filter; label: string }[] = [
  { id: 'all', label: 'Everything' },
  { id: 'event', label: 'What they did' },
  { id: 'decision', label: 'Why' },
  { id: 'message', label: 'Emails' },
];
const PAGE = 200;

/** The person's history in one list: their events, the engine's decisions in words, and the messages sent. */
export function TimelineList({ entries, runs }: { entries: TimelineEntry[]; runs: TraceRun[] }) {
  const words = useJourneyWords();
  const [filter, setFilter] = useState<Filter>('all');
  const [shown, setShown] = useState(PAGE);
  const versionOf = new Map(runs.map((run) => [run.runId, run.version]));
  const visible = filter === 'all' ? entries : entries.filter((entry) => entry.kind === filter);
  return (
    <>
      <div className="segmented" role="radiogroup" aria-label="Show">
        {FILTERS.map((option) => (
          <label key={option.id} className={`segmented__option${filter === option.id ? ' segmented__option--on' : ''}`}>
            <input
              type="radio"
              name="timeline-filter"
              className="visually-hidden"
              checked={filter === option.id}
              data-testid={`timeline-filter-${option.id}`}
              onChange={() => setFilter(option.id)}
            />
            {option.label}
          </label>
        ))}
      </div>
      {visible.length === 0 ? (
        <p className="panel-message">Nothing here yet.</p>
      ) : (
        <ol className="timeline" data-testid="timeline">
          {visible.slice(0, shown).map((entry) => (
            <TimelineRow key={entry.key} entry={entry} words={words} versionOf={versionOf} />
          ))}
        </ol>
      )}
      {visible.length > shown && (
        <button type="button" className="button button--small" onClick={() => setShown(shown + PAGE)}>
          Show {Math.min(PAGE, visible.length - shown)} more
        </button>
      )}
    </>
  );
}

const TimelineRow = memo(function TimelineRow({
  entry,
  words,
  versionOf,
}: {
  entry: TimelineEntry;
  words: JourneyWords;
  versionOf: Map<string, number>;
}) {
  return (
    <li className={`timeline__row timeline__row--${entry.kind}`} data-testid={`timeline-${entry.kind}`}>
      <span className="timeline__dot" aria-hidden="true" />
      <div className="timeline__body">
        <div className="timeline__line">
          <Content entry={entry} words={words} versionOf={versionOf} />
        </div>
        <span className="timeline__time">
          <When at={entry.at} />
        </span>
      </div>
    </li>
  );
});

function Where({
  words,
  journeyId,
  nodeId,
  version,
}: {
  words: JourneyWords;
  journeyId: string;
  nodeId: string | null;
  version?: number;
}) {
  const step = words.stepName(journeyId, nodeId, version);
  return (
    <span className="timeline__where">
      {words.journeyName(journeyId)}
      {step && <> › {step}</>}
    </span>
  );
}

function Content({
  entry,
  words,
  versionOf,
}: {
  entry: TimelineEntry;
  words: JourneyWords;
  versionOf: Map<string, number>;
}) {
  switch (entry.kind) {
    case 'event': {
      const { event } = entry;
      const values = event.type === 'track' ? event.properties : event.traits;
      return (
        <>
          <span className="timeline__what">
            {event.type === 'track' ? (
              <>
                Did <strong>{humanizeEvent(event.event ?? '')}</strong>
              </>
            ) : (
              <strong>Profile updated</strong>
            )}
          </span>
          {values && Object.keys(values).length > 0 && (
            <span className="timeline__props">
              {Object.entries(values).map(([key, value]) => (
                <span key={key} className="prop">
                  {key}: {typeof value === 'string' ? value : JSON.stringify(value)}
                </span>
              ))}
            </span>
          )}
        </>
      );
    }
    case 'decision': {
      const { decision } = entry;
      const version = decision.runId ? versionOf.get(decision.runId) : undefined;
      return (
        <>
          <Where words={words} journeyId={decision.journeyId} nodeId={decision.nodeId} version={version} />
          <span className="timeline__why" data-testid="decision">
            {decision.message}
          </span>
        </>
      );
    }
    case 'message': {
      const { message } = entry;
      return (
        <>
          <Where words={words} journeyId={message.journeyId} nodeId={message.nodeId} />
          <span className="timeline__what" data-testid="message">
            {message.kind === 'email' ? (
              <>
                Email <strong>“{message.subject ?? ''}”</strong>
              </>
            ) : (
              <strong>Webhook call</strong>
            )}
          </span>
          <DeliveryStatus message={message} />
        </>
      );
    }
    default:
      return entry satisfies never;
  }
}
