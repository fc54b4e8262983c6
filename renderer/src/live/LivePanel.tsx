import { humanizeEvent } from '../../../shared/journey/humanize';
import type { JourneyNode } from '../../../shared/journey/schema';
import { nodeTitle } from '../model/describe';
import { personName } from '../model/names';
import { useAppStore, useAppStoreApi } from '../store/context';
import { When } from '../ui/When';
import { JourneyClicks } from './JourneyClicks';

/** Who is in the journey now: how many at each step, and, for one step, who they are. */
export function LivePanel({ journeyId, onClose }: { journeyId: string; onClose: () => void }) {
  const store = useAppStoreApi();
  const overview = useAppStore((state) => (state.liveOverview?.journeyId === journeyId ? state.liveOverview : null));
  const nodes = useAppStore((state) => state.editor?.journey.nodes);
  const nodeId = useAppStore((state) => state.liveNodeId);
  const byId = new Map((nodes ?? []).map((node) => [node.id, node]));
  const steps = Object.entries(overview?.atNode ?? {})
    .map(([id, count]) => ({ id, count, node: byId.get(id) }))
    .sort((a, b) => order(a.node) - order(b.node));
  const trigger = nodes?.find((node) => node.type === 'trigger');

  return (
    <div
      className="live-panel"
      id="live-panel"
      role="dialog"
      aria-label="People in this journey"
      data-testid="live-panel"
    >
      <div className="live-panel__header">
        {nodeId ? (
          <button
            type="button"
            className="link-button"
            data-testid="live-back"
            onClick={() => store.getState().showLiveNode(journeyId, null)}
          >
            ← All steps
          </button>
        ) : (
          <strong>People in this journey now</strong>
        )}
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
          </svg>
        </button>
      </div>
      {nodeId ? (
        <PeopleAtStep journeyId={journeyId} title={stepTitle(byId.get(nodeId), nodeId)} onClose={onClose} />
      ) : (
        <>
          <p className="live-panel__totals" data-testid="live-totals">
            {overview
              ? `${overview.active.toLocaleString()} in progress · ${overview.done.toLocaleString()} finished`
              : 'Loading…'}
          </p>
          {overview && steps.length === 0 && (
            <p className="panel-message live-panel__empty">
              Nobody is waiting in this journey right now.
              {trigger?.type === 'trigger' &&
                ` People enter when your product sends “${humanizeEvent(trigger.config.event)}”.`}
            </p>
          )}
          <ul className="live-panel__steps">
            {steps.map((step) => (
              <li key={step.id}>
                <button
                  type="button"
                  className="live-step"
                  data-testid={`live-step-${step.id}`}
                  onClick={() => store.getState().showLiveNode(journeyId, step.id)}
                >
                  <span className="live-step__name">{stepTitle(step.node, step.id)}</span>
                  <span className="live-step__count">{step.count.toLocaleString()}</span>
                </button>
              </li>
            ))}
          </ul>
          <JourneyClicks journeyId={journeyId} nodes={nodes ?? []} />
        </>
      )}
    </div>
  );
}

function PeopleAtStep({ journeyId, title, onClose }: { journeyId: string; title: string; onClose: () => void }) {
  const store = useAppStoreApi();
  const people = useAppStore((state) => state.livePeople);
  const load = useAppStore((state) => state.livePeopleLoad);
  const nodeId = useAppStore((state) => state.liveNodeId);
  const list = people?.journeyId === journeyId && people.nodeId === nodeId ? people.people : null;
  return (
    <div data-testid="live-people-at">
      <p className="live-panel__step-title">
        At <strong>{title}</strong>
      </p>
      {load.status === 'error' && (
        <p className="panel-message" role="alert">
          Could not list them: {load.error}
        </p>
      )}
      {list === null && load.status !== 'error' && <p className="panel-message">Loading…</p>}
      {list?.length === 0 && <p className="panel-message">Nobody is here now.</p>}
      {list && list.length > 0 && (
        <ul className="live-panel__people">
          {list.map((person) => (
            <li key={person.userId}>
              <button
                type="button"
                className="live-person"
                data-testid={`live-person-${person.userId}`}
                title="Open their timeline"
                onClick={() => {
                  onClose();
                  store.getState().openPerson(person.userId);
                }}
              >
                <span className="live-person__id">{personName(person.userId, person.traits).title}</span>
                <span className="live-person__when">
                  here since <When at={person.since} relativeOnly />
                  {person.wakeAt !== null && (
                    <>
                      {' '}
                      · moves on <When at={person.wakeAt} relativeOnly />
                    </>
                  )}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function stepTitle(node: JourneyNode | undefined, id: string): string {
  return node ? nodeTitle(node) : `${id} (not in this draft)`;
}

/** Steps in reading order, as the canvas lays them out. */
function order(node: JourneyNode | undefined): number {
  return node ? node.position.y * 10_000 + node.position.x : Number.MAX_SAFE_INTEGER;
}
