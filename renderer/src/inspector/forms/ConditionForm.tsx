import type { NodeOf } from '../../../../shared/journey/schema';
import { Section } from '../../ui/fields';
import { ConditionBuilder } from '../ConditionBuilder';
import { useNodeEditor } from '../useNodeEditor';

export function ConditionForm({ node }: { node: NodeOf<'condition'> }) {
  const update = useNodeEditor(node.id);
  return (
    <Section title="Goes to “yes”">
      <ConditionBuilder
        group={node.config}
        lead="When"
        testId="condition"
        onChange={(config) => update({ ...node, config }, 'rules')}
      />
      <p className="field__hint">Everyone else goes to “no”.</p>
    </Section>
  );
}
