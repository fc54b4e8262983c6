import { useMemo } from 'react';
import { personName } from '../model/names';
import { useAppStore, useAppStoreApi } from '../store/context';
import { RunCard } from './RunCard';
import { SuppressionNote } from './SuppressionNote';
import { TimelineList } from './TimelineList';
import { buildTimeline } from './timeline';

/** One person: where they are in each journey, each email and why (not), then everything in time order. */
export function PersonTimeline() {
  const store = useAppStoreApi();
  const personId = useAppStore((state) => state.personId);
  const trace = useAppStore((state) => state.personTrace);
  const load = useAppStore((state) => state.personLoad);
  const timeline = useMemo(() => (trace ? buildTimeline(trace) : []), [trace]);

  if (!trace || trace.userId !== personId) {
    return (
      <p className="panel-message" role={load.status === 'error' ? 'alert' : undefined}>
        {load.status === 'error' ? `Could not load this person: ${load.error}` : 'Loading…'}
      </p>
    );
  }

  const { title, subtitle } = personName(trace.userId, trace.traits);
  const runs = [...trace.runs].sort((a, b) => b.enteredAt - a.enteredAt);
  const traitEntries = Object.entries(trace.traits);
  return (
    <article className="person" aria-labelledby="person-title" data-testid="person-timeline">
      <header className="person__header">
        <div>
          <h2 className="person__name" id="person-title" data-testid="person-name">
            {title}
          </h2>
          <p className="person__sub">{subtitle}</p>
        </div>
        <button
          type="button"
          className="button button--small"
          data-testid="person-refresh"
          onClick={() => store.getState().refreshPerson()}
        >
          Refresh
        </button>
      </header>
      {trace.suppression && <SuppressionNote suppression={trace.suppression} />}
      {traitEntries.length > 0 && (
        <details className="person__traits">
          <summary>
            Profile ({traitEntries.length} {traitEntries.length === 1 ? 'trait' : 'traits'})
          </summary>
          <dl className="kv">
            {traitEntries.map(([key, value]) => (
              <div key={key} className="kv__row">
                <dt>{key}</dt>
                <dd>{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}

      <section className="person__section" aria-labelledby="person-journeys">
        <h3 className="person__section-title" id="person-journeys">
          Journeys
        </h3>
        {runs.length === 0 ? (
          <p className="panel-message" data-testid="person-no-runs">
            Not in any journey. If you expected them to be, look in the timeline below for a line saying why they did
            not enter.
          </p>
        ) : (
          runs.map((run) => <RunCard key={run.runId} trace={trace} run={run} />)
        )}
      </section>

      <section className="person__section" aria-labelledby="person-history">
        <h3 className="person__section-title" id="person-history">
          Timeline <span className="person__section-note">newest first</span>
        </h3>
        <TimelineList entries={timeline} runs={trace.runs} />
      </section>
    </article>
  );
}
