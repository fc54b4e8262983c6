import './problems.css';
import { useMemo } from 'react';
import { eventHealthHints } from '../model/eventHealth';
import { friendlyMessage, problemStepTitle } from '../model/friendly';
import { useAppStore, useAppStoreApi } from '../store/context';
import { useDraftProblems } from '../store/problems/useProblems';
import { selectDraft } from '../store/selectors';

/** The validator's problems with the draft, live; clicking one selects its step. */
export function ProblemsPanel() {
  const journey = useAppStore(selectDraft);
  const store = useAppStoreApi();
  const { problems, errorCount, warningCount } = useDraftProblems();
  const catalog = useAppStore((state) => state.catalog.events);
  const hints = useMemo(() => (journey ? eventHealthHints(journey, catalog) : []), [journey, catalog]);
  if (!journey) return null;
  const ordered = [...problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return (
    <div className="problems" data-testid="problems">
      <p className="problems__summary" role="status">
        {problems.length === 0
          ? 'No problems: this journey can be published.'
          : `${errorCount} ${errorCount === 1 ? 'error' : 'errors'} and ${warningCount} ${warningCount === 1 ? 'warning' : 'warnings'}.${errorCount > 0 ? ' Errors must be fixed before publishing.' : ''}`}
      </p>
      <ul className="problems__list">
        {ordered.map((problem, index) => {
          const step = problemStepTitle(problem, journey);
          const content = (
            <>
              <span className={`severity severity--${problem.severity}`}>
                {problem.severity === 'error' ? 'Error' : 'Warning'}
              </span>
              <span className="problems__text">
                {step && <strong>{step}: </strong>}
                {friendlyMessage(problem)}
              </span>
            </>
          );
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: problems are recomputed as a whole.
            <li key={index}>
              {step && problem.nodeId ? (
                <button
                  type="button"
                  className="problems__item"
                  data-testid={`problem-${problem.nodeId}`}
                  onClick={() => store.getState().selectNode(problem.nodeId as string, { focus: true })}
                >
                  {content}
                </button>
              ) : (
                <div className="problems__item problems__item--static" data-testid="problem-journey">
                  {content}
                  {problem.field === 'exitRules' && (
                    <button type="button" className="link-button" onClick={() => store.getState().setPanel('journey')}>
                      Open settings
                    </button>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {hints.length > 0 && (
        <section className="event-health" aria-labelledby="event-health-title" data-testid="event-health">
          <h3 className="event-health__title" id="event-health-title">
            Event health
          </h3>
          <p className="event-health__lead">What the events your product sent recently mean for this journey.</p>
          <ul className="problems__list">
            {hints.map((hint) => (
              <li key={hint.id} className="problems__item problems__item--static" data-testid={`hint-${hint.id}`}>
                <span className="severity severity--info">Hint</span>
                <span className="problems__text">{hint.message}</span>
                {hint.variable && (
                  <button type="button" className="link-button" onClick={() => store.getState().setPanel('journey')}>
                    Edit the map
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
