import { Handle, Position } from '@xyflow/react';
import type { NodeType } from '../../../../shared/journey/schema';
import { BacktestCount } from '../../backtest/BacktestCount';
import { OutputCount } from '../../backtest/OutputCount';
import { LiveCount } from '../../live/LiveCount';
import { nodeTypeLabel } from '../../model/describe';
import { ResultCount } from '../../results/ResultCount';
import { ExpectationMark } from '../../simulator/ExpectationMark';
import type { CardData } from '../flowTypes';
import { OutputAdd } from './OutputAdd';

/**
 * The shell every node card shares: a coloured accent and icon for its type, a title, a
 * one-line summary, an input on top and its outputs along the bottom. Outputs are labelled
 * when there is more than one ("happened", "timed out"). A badge counts the step's problems.
 */
export function NodeCard<T extends NodeType>({
  data,
  selected,
  input = true,
}: {
  data: CardData<T>;
  selected: boolean;
  input?: boolean;
}) {
  const { node, content, errors, warnings, sim, free } = data;
  // While a path is simulated the canvas is for reading: no "+" to add steps.
  const canAdd = (outputId: string) => !sim && free.includes(outputId);
  const { title, summary, detail, outputs, size } = content;
  const labelled = outputs.length > 1;
  const typeLabel = nodeTypeLabel(node.type);
  return (
    <div
      className={`node-card node-card--${node.type}${selected ? ' node-card--selected' : ''}${errors > 0 ? ' node-card--error' : ''}`}
      data-testid={`node-${node.id}`}
      data-node-type={node.type}
      data-sim={sim?.state}
    >
      {sim?.label && (
        <span className="node-sim-time" data-testid={`sim-time-${node.id}`}>
          {sim.label}
        </span>
      )}
      {input && (
        <Handle
          type="target"
          position={Position.Top}
          className="node-handle node-handle--input"
          data-testid={`handle-${node.id}-in`}
        />
      )}
      <LiveCount nodeId={node.id} />
      <ResultCount nodeId={node.id} />
      <BacktestCount nodeId={node.id} type={node.type} />
      <ExpectationMark nodeId={node.id} />
      {(errors > 0 || warnings > 0) && (
        <span
          className={`node-badge node-badge--${errors > 0 ? 'error' : 'warning'}`}
          data-testid={`badge-${node.id}`}
          title={`${errors > 0 ? `${errors} error${errors === 1 ? '' : 's'}` : ''}${errors > 0 && warnings > 0 ? ', ' : ''}${warnings > 0 ? `${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`}
        >
          {errors > 0 ? errors : warnings}
        </span>
      )}
      <div className="node-card__body">
        <div className="node-card__header">
          <span className="node-card__icon" title={typeLabel} role="img" aria-label={typeLabel}>
            <span className="node-card__glyph" />
          </span>
          <span className="node-card__title">{title}</span>
        </div>
        <p className="node-card__summary" title={summary} style={{ WebkitLineClamp: size.summaryLines }}>
          {summary}
        </p>
        {detail && (
          <p className="node-card__detail" title={detail} style={{ WebkitLineClamp: size.detailLines }}>
            {detail}
          </p>
        )}
      </div>
      {labelled ? (
        <div className="node-card__outputs">
          {outputs.map((output) => (
            <div className="node-output" key={output.id} data-testid={`output-${node.id}-${output.id}`}>
              <span className="node-output__label">{output.label}</span>
              <OutputCount nodeId={node.id} output={output.id} />
              <OutputHandle nodeId={node.id} output={output} canAdd={canAdd(output.id)} />
            </div>
          ))}
        </div>
      ) : (
        outputs.map((output) => (
          <div className="node-output-single" key={output.id}>
            <OutputHandle nodeId={node.id} output={output} canAdd={canAdd(output.id)} />
          </div>
        ))
      )}
    </div>
  );
}

/** An output's handle (drag from it to connect) and, when it leads nowhere yet, its "+". */
function OutputHandle({
  nodeId,
  output,
  canAdd,
}: {
  nodeId: string;
  output: { id: string; label: string };
  canAdd: boolean;
}) {
  return (
    <>
      <Handle
        type="source"
        id={output.id}
        position={Position.Bottom}
        className="node-handle node-handle--output"
        data-testid={`handle-${nodeId}-${output.id}`}
      />
      {canAdd && <OutputAdd nodeId={nodeId} output={output.id} label={output.label} />}
    </>
  );
}
