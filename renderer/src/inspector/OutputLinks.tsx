import { nodeOutputs } from '../../../shared/journey/outputs';
import type { Journey, JourneyNode } from '../../../shared/journey/schema';
import { nodeTitle } from '../model/describe';
import { useAppStoreApi } from '../store/context';
import { InlineSelect, Section } from './fields';

const NOWHERE = '';

/**
 * Where each output leads, as a choice of step: the keyboard's way to connect steps (the mouse
 * can also drag from an output to a card).
 */
export function OutputLinks({ node, journey }: { node: JourneyNode; journey: Journey }) {
  const store = useAppStoreApi();
  const outputs = nodeOutputs(node);
  if (outputs.length === 0) return null;
  const targets = journey.nodes.filter((other) => other.id !== node.id && other.type !== 'trigger');
  const options = [
    { value: NOWHERE, label: '— nothing (leave the journey) —' },
    ...targets.map((target) => ({ value: target.id, label: `${nodeTitle(target)} (${target.id})` })),
  ];
  return (
    <Section title="Then">
      <div className="output-links">
        {outputs.map((output) => {
          const edge = journey.edges.find((candidate) => candidate.from === node.id && candidate.output === output.id);
          return (
            <div key={output.id} className="sentence-row">
              <span className="sentence-word output-links__label">
                {outputs.length > 1 ? `If ${output.label}, go to` : 'Go to'}
              </span>
              <InlineSelect
                label={`After ${output.label}`}
                value={edge?.to ?? NOWHERE}
                options={options}
                testId={`link-${output.id}`}
                onChange={(to) =>
                  store
                    .getState()
                    .edit(
                      to === NOWHERE
                        ? { type: 'remove', nodeIds: [], edgeIds: edge ? [edge.id] : [] }
                        : { type: 'connect', from: node.id, output: output.id, to },
                    )
                }
              />
            </div>
          );
        })}
      </div>
    </Section>
  );
}
