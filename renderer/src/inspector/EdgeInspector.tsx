import { nodeOutputs } from '../../../shared/journey/outputs';
import type { Edge, Journey } from '../../../shared/journey/schema';
import { nodeTitle } from '../model/describe';
import { useAppStoreApi } from '../store/context';
import { StepTypeButtons } from '../ui/StepTypeButtons';

/** A selected connection: where it goes, in words, with a step to insert into it and Delete. */
export function EdgeInspector({ edge, journey }: { edge: Edge; journey: Journey }) {
  const store = useAppStoreApi();
  const from = journey.nodes.find((node) => node.id === edge.from);
  const to = journey.nodes.find((node) => node.id === edge.to);
  const output = from && nodeOutputs(from).find((candidate) => candidate.id === edge.output);
  const many = from ? nodeOutputs(from).length > 1 : false;
  return (
    <div className="inspector" data-testid="inspector" data-edge-id={edge.id}>
      <header className="inspector__header">
        <span className="inspector__type">Connection</span>
        <span className="inspector__actions">
          <button
            type="button"
            className="link-button link-button--danger"
            data-testid="delete-connection"
            onClick={() => store.getState().deleteSelection()}
          >
            Delete
          </button>
        </span>
      </header>
      <p className="edge-inspector__words" data-testid="connection-words">
        From <strong>{from ? nodeTitle(from) : edge.from}</strong>
        {many && output ? <> when it is “{output.label}”</> : null}, on to{' '}
        <strong>{to ? nodeTitle(to) : edge.to}</strong>.
      </p>
      <section className="form-section" aria-labelledby="insert-title">
        <h3 className="form-section__title" id="insert-title">
          Insert a step here
        </h3>
        <div className="edge-inspector__steps">
          <StepTypeButtons
            testIdPrefix="connection-insert-"
            onChoose={(type) => store.getState().insertIntoConnection(edge.id, type)}
          />
        </div>
      </section>
    </div>
  );
}
