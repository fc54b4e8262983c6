import { useEffect, useMemo, useRef } from 'react';
import { humanizeEvent } from '../../../shared/journey/humanize';
import { formatOffset, parseTimeline } from '../model/scenario-timeline';
import { useAppStore, useAppStoreApi } from '../store/context';
import { selectSelection } from '../store/selectors';
import { formatMoment } from './clock';
import { timelineEntries } from './steps';
import type { SimulationView } from './useSimulationView';

/**
 * The path in words: every decision with its time relative to the start, and the user's own
 * events between them. Clicking a step moves the clock there; a card clicked on the canvas
 * picks out its steps here.
 */
export function DecisionList({ view }: { view: SimulationView }) {
  const store = useAppStoreApi();
  const timeline = useAppStore((state) => state.simulation?.scenario.timeline ?? '');
  const cursor = useAppStore((state) => state.simulation?.cursor ?? 0);
  const selection = useAppStore(selectSelection);
  const { result } = view;
  const entries = useMemo(
    () => timelineEntries(result.path, view.kinds, parseTimeline(timeline).lines, result.start),
    [result, view.kinds, timeline],
  );
  const selected = useMemo(() => new Set(selection.nodes), [selection.nodes]);
  const list = useRef<HTMLOListElement>(null);

  // A card picked on the canvas: bring its first step here into view.
  useEffect(() => {
    if (selected.size === 0) return;
    list.current?.querySelector('[data-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const clock = cursor > 0 ? (view.times[cursor - 1] ?? Number.NEGATIVE_INFINITY) : Number.NEGATIVE_INFINITY;
  let previousTime: string | null = null;
  return (
    <section className="sim-section" aria-labelledby="sim-decisions-title">
      <h3 className="form-section__title" id="sim-decisions-title">
        What happened, and why
      </h3>
      {entries.length === 0 && <p className="panel-message">Nothing happened: no event in the timeline.</p>}
      <ol className="sim-steps" data-testid="sim-decisions" ref={list}>
        {entries.map((entry) => {
          const time = formatOffset(entry.at - result.start);
          const same = time === previousTime;
          previousTime = time;
          const timeCell = (
            <time className={`sim-time${same ? ' sim-time--same' : ''}`} title={formatMoment(entry.at, view.timeZone)}>
              {time}
            </time>
          );
          if (entry.kind === 'event') {
            const properties = Object.entries(entry.properties)
              .map(([key, value]) => `${key}=${value}`)
              .join(' ');
            return (
              <li
                key={`event-${entry.line}`}
                className={`sim-event${entry.at > clock ? ' sim-step--later' : ''}`}
                data-testid="sim-event"
                data-event={entry.event}
              >
                <div className="sim-step__row">
                  {timeCell}
                  <span className="sim-step__mark sim-step__mark--event" aria-hidden="true" />
                  <span className="sim-step__text">
                    <span className="sim-step__message">
                      The user: {humanizeEvent(entry.event)}
                      {properties && <code className="sim-event__props"> {properties}</code>}
                    </span>
                  </span>
                </div>
              </li>
            );
          }
          const state = entry.index + 1 < cursor ? 'done' : entry.index + 1 === cursor ? 'current' : 'later';
          const node = view.node(entry.step.nodeId);
          return (
            <li
              key={`step-${entry.index}`}
              className={`sim-step sim-step--${entry.stepKind}${state === 'later' ? ' sim-step--later' : ''}${state === 'current' ? ' sim-step--current' : ''}`}
              data-testid="sim-step"
              data-node-id={entry.step.nodeId}
              data-kind={entry.stepKind}
              data-state={state}
              data-selected={selected.has(entry.step.nodeId) || undefined}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              <button
                type="button"
                className="sim-step__row"
                onClick={() => {
                  store.getState().setPlaying(false);
                  store.getState().setCursor(entry.index + 1, { follow: true });
                }}
              >
                {timeCell}
                <span className={`sim-step__mark sim-step__mark--${entry.stepKind}`} aria-hidden="true" />
                <span className="sim-step__text">
                  <span className="sim-step__message" data-testid="sim-step-message">
                    {entry.step.message}
                  </span>
                  <span className="sim-step__node">{node?.title ?? entry.step.nodeId}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
