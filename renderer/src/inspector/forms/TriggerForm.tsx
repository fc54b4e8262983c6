import type { NodeOf } from '../../../../shared/journey/schema';
import { EventField } from '../../ui/EventField';
import { FiltersField } from '../../ui/FiltersField';
import { Section } from '../../ui/fields';
import { ConditionBuilder } from '../ConditionBuilder';
import { useNodeEditor } from '../useNodeEditor';

export function TriggerForm({ node }: { node: NodeOf<'trigger'> }) {
  const update = useNodeEditor(node.id);
  const config = node.config;
  return (
    <>
      <Section title="Starts when">
        <EventField
          label="Event"
          value={config.event}
          testId="trigger-event"
          onChange={(event) => update({ ...node, config: { ...config, event } }, 'event')}
        />
        <FiltersField
          filters={config.filters}
          event={config.event}
          root="trigger"
          testId="trigger-filters"
          onChange={(filters) => update({ ...node, config: { ...config, filters } }, 'filters')}
        />
      </Section>
      <Section title="Who may enter">
        <ConditionBuilder
          group={config.eligibility}
          lead="Only if"
          testId="eligibility"
          onChange={(eligibility) => update({ ...node, config: { ...config, eligibility } }, 'eligibility')}
        />
      </Section>
    </>
  );
}
