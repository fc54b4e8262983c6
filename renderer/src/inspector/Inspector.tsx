import './inspector.css';
import { useEffect, useState } from 'react';
import type { Journey, JourneyNode } from '../../../shared/journey/schema';
import { nodeTypeLabel } from '../model/describe';
import { nodeIdProblem } from '../model/edit';
import { friendlyMessage } from '../model/friendly';
import { useAppStore, useAppStoreApi } from '../store/context';
import { useDraftProblems } from '../store/problems/useProblems';
import { selectDraft, selectSelection } from '../store/selectors';
import { TextField } from '../ui/fields';
import { Icon } from '../ui/Icon';
import { EdgeInspector } from './EdgeInspector';
import { ExitForm, TrackForm, WebhookForm } from './forms/ActionForms';
import { ConditionForm } from './forms/ConditionForm';
import { DelayForm } from './forms/DelayForm';
import { EmailForm } from './forms/EmailForm';
import { RandomSplitForm } from './forms/RandomSplitForm';
import { SplitForm } from './forms/SplitForm';
import { TriggerForm } from './forms/TriggerForm';
import { WaitForm } from './forms/WaitForm';
import { OutputLinks } from './OutputLinks';
import { useNodeEditor } from './useNodeEditor';

/** The form of the selected step, in plain words; a hint when nothing (or several) is selected. */
export function Inspector() {
  const journey = useAppStore(selectDraft);
  const selection = useAppStore(selectSelection);
  const store = useAppStoreApi();
  if (!journey) return null;
  if (selection.nodes.length > 1) {
    return (
      <div className="inspector inspector--empty" data-testid="inspector">
        <p>
          <strong>{selection.nodes.length} steps selected.</strong>
        </p>
        <p>Drag one of them to move them together, or press Delete to remove them.</p>
        <div className="row-actions">
          <button type="button" className="button" onClick={() => store.getState().duplicateSelection()}>
            Duplicate
          </button>
          <button type="button" className="button button--danger" onClick={() => store.getState().deleteSelection()}>
            Delete
          </button>
        </div>
      </div>
    );
  }
  const node = journey.nodes.find((candidate) => candidate.id === selection.nodes[0]);
  const edge = selection.nodes.length === 0 && selection.edges.length === 1 ? selection.edges[0] : undefined;
  const connection = edge === undefined ? undefined : journey.edges.find((candidate) => candidate.id === edge);
  if (connection) return <EdgeInspector key={connection.id} edge={connection} journey={journey} />;
  if (!node) {
    return (
      <div className="inspector inspector--empty" data-testid="inspector">
        <p>
          <strong>Select a step to edit it.</strong>
        </p>
        <p>
          Add a step with the + under a step’s way out (“next”, “timed out”, “yes”…), or from the palette on the left.
          Click a connection to insert a step into it or delete it.
        </p>
        <p>Press ? for the keyboard shortcuts.</p>
      </div>
    );
  }
  return <NodeInspector key={node.id} node={node} journey={journey} />;
}

function NodeInspector({ node, journey }: { node: JourneyNode; journey: Journey }) {
  const update = useNodeEditor(node.id);
  const store = useAppStoreApi();
  const { problems } = useDraftProblems();
  const own = problems.filter((problem) => problem.nodeId === node.id);
  return (
    <div className="inspector" data-testid="inspector" data-node-id={node.id}>
      <header className={`inspector__header palette__item--${node.type}`}>
        <span className="palette__icon">
          <Icon name={node.type} className="node-icon" />
        </span>
        <span className="inspector__type">{nodeTypeLabel(node.type)}</span>
        <span className="inspector__actions">
          <button type="button" className="link-button" onClick={() => store.getState().duplicateSelection()}>
            Duplicate
          </button>
          <button
            type="button"
            className="link-button link-button--danger"
            data-testid="delete-step"
            onClick={() => store.getState().edit({ type: 'remove', nodeIds: [node.id] })}
          >
            Delete
          </button>
        </span>
      </header>
      {own.length > 0 && (
        <ul className="inspector__problems" aria-label="Problems with this step">
          {own.map((problem, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: problems are recomputed as a whole.
            <li key={index} className={`problem-line problem-line--${problem.severity}`}>
              {friendlyMessage(problem)}
            </li>
          ))}
        </ul>
      )}
      <div className="inspector__common">
        <TextField
          label="Title on the canvas"
          value={node.title ?? ''}
          placeholder={nodeTypeLabel(node.type)}
          testId="node-title"
          onChange={(title) => {
            const { title: _drop, ...rest } = node;
            update(title ? { ...rest, title } : rest, 'title');
          }}
        />
        <IdField node={node} journey={journey} />
      </div>
      <NodeForm node={node} journey={journey} />
      <OutputLinks node={node} journey={journey} />
    </div>
  );
}

/** The step's id is used in reports and files; it changes on Enter or when the field is left. */
function IdField({ node, journey }: { node: JourneyNode; journey: Journey }) {
  const store = useAppStoreApi();
  const [draft, setDraft] = useState(node.id);
  useEffect(() => setDraft(node.id), [node.id]);
  const problem = nodeIdProblem(journey, node.id, draft);
  const commit = () => {
    if (problem || draft === node.id) return;
    store.getState().edit({ type: 'update_node', id: node.id, node: { ...node, id: draft } });
    store.getState().setSelection({ nodes: [draft], edges: [] });
  };
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        commit();
      }}
    >
      <TextField
        label="Id"
        value={draft}
        testId="node-id"
        error={problem}
        hint="Used in reports and in the exported file."
        onChange={(text) => setDraft(text.trim())}
        onBlur={commit}
      />
    </form>
  );
}

function NodeForm({ node, journey }: { node: JourneyNode; journey: Journey }) {
  switch (node.type) {
    case 'trigger':
      return <TriggerForm node={node} />;
    case 'wait':
      return <WaitForm node={node} journey={journey} />;
    case 'delay':
      return <DelayForm node={node} journey={journey} />;
    case 'condition':
      return <ConditionForm node={node} />;
    case 'split':
      return <SplitForm node={node} journey={journey} />;
    case 'random_split':
      return <RandomSplitForm node={node} />;
    case 'email':
      return <EmailForm node={node} journey={journey} />;
    case 'webhook':
      return <WebhookForm node={node} />;
    case 'track':
      return <TrackForm node={node} />;
    case 'exit':
      return <ExitForm node={node} />;
    default:
      return node satisfies never;
  }
}
