import { Handle, Position } from '@xyflow/react';
import { nodeTypeLabel } from '../../../../shared/journey/describe';
import type { NodeType } from '../../../../shared/journey/schema';
import type { CardData } from '../flowTypes';
import { NodeIcon } from './icons';

/**
 * The shell every node card shares: a coloured accent and icon for its type, a title, a
 * one-line summary, an input on top and its outputs along the bottom. Outputs are labelled
 * when there is more than one ("happened", "timed out").
 */
export function NodeCard<T extends NodeType>({ data, input = true }: { data: CardData<T>; input?: boolean }) {
  const { node, title, summary, summaryLines, detail, detailLines, outputs } = data;
  const labelled = outputs.length > 1;
  const typeLabel = nodeTypeLabel(node.type);
  return (
    <div className={`node-card node-card--${node.type}`} data-testid={`node-${node.id}`} data-node-type={node.type}>
      {input && (
        <Handle
          type="target"
          position={Position.Top}
          className="node-handle node-handle--input"
          isConnectable={false}
        />
      )}
      <div className="node-card__body">
        <div className="node-card__header">
          <span className="node-card__icon" title={typeLabel} role="img" aria-label={typeLabel}>
            <NodeIcon type={node.type} />
          </span>
          <span className="node-card__title">{title}</span>
        </div>
        <p className="node-card__summary" title={summary} style={{ WebkitLineClamp: summaryLines }}>
          {summary}
        </p>
        {detail && (
          <p className="node-card__detail" title={detail} style={{ WebkitLineClamp: detailLines }}>
            {detail}
          </p>
        )}
      </div>
      {labelled ? (
        <div className="node-card__outputs">
          {outputs.map((output) => (
            <div className="node-output" key={output.id} data-testid={`output-${node.id}-${output.id}`}>
              <span className="node-output__label">{output.label}</span>
              <Handle
                type="source"
                id={output.id}
                position={Position.Bottom}
                className="node-handle node-handle--output"
                isConnectable={false}
              />
            </div>
          ))}
        </div>
      ) : (
        outputs.map((output) => (
          <Handle
            key={output.id}
            type="source"
            id={output.id}
            position={Position.Bottom}
            className="node-handle"
            isConnectable={false}
          />
        ))
      )}
    </div>
  );
}
