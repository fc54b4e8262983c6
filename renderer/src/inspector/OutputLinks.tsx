import { nodeOutputs } from '../../../shared/journey/outputs';
import type { Journey, JourneyNode, NodeType } from '../../../shared/journey/schema';
import { nodeTitle } from '../model/describe';
import { PALETTE_GROUPS } from '../model/paletteItems';
import { useAppStoreApi } from '../store/context';
import { InlineSelect, Section } from '../ui/fields';

const NOWHERE = '';
/** A choice that makes a new step of this type there: `new:email`. */
const NEW = 'new:';

/** Every kind of step but a trigger (nothing leads into one), as "a new step" choices. */
const NEW_STEPS = PALETTE_GROUPS.flatMap((group) => group.items)
  .filter((item) => item.type !== 'trigger')
  .map((item) => ({ value: `${NEW}${item.type}`, label: `New: ${item.label}`, group: 'A new step…' }));

/**
 * Where each output leads, as a choice of step (an existing one, or a new one made there): the
 * keyboard's way to connect steps (the mouse can also drag from an output to a card).
 */
export function OutputLinks({ node, journey }: { node: JourneyNode; journey: Journey }) {
  const store = useAppStoreApi();
  const outputs = nodeOutputs(node);
  if (outputs.length === 0) return null;
  const targets = journey.nodes.filter((other) => other.id !== node.id && other.type !== 'trigger');
  const options = [
    { value: NOWHERE, label: '— nothing (leave the journey) —' },
    ...targets.map((target) => ({
      value: target.id,
      label: `${nodeTitle(target)} (${target.id})`,
      group: 'A step already here',
    })),
    ...NEW_STEPS,
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
                onChange={(to) => {
                  const state = store.getState();
                  if (to.startsWith(NEW)) state.addStepAfter(to.slice(NEW.length) as NodeType, node.id, output.id);
                  else
                    state.edit(
                      to === NOWHERE
                        ? { type: 'remove', nodeIds: [], edgeIds: edge ? [edge.id] : [] }
                        : { type: 'connect', from: node.id, output: output.id, to },
                    );
                }}
              />
            </div>
          );
        })}
      </div>
    </Section>
  );
}
