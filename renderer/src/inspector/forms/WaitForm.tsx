import type { Journey, NodeOf } from '../../../../shared/journey/schema';
import { DurationSpecField } from '../../ui/DurationField';
import { EventField } from '../../ui/EventField';
import { FiltersField } from '../../ui/FiltersField';
import { Section } from '../../ui/fields';
import { useNodeEditor } from '../useNodeEditor';

export function WaitForm({ node, journey }: { node: NodeOf<'wait'>; journey: Journey }) {
  const update = useNodeEditor(node.id);
  const config = node.config;
  return (
    <>
      <Section title="Waits for">
        <EventField
          label="Event"
          value={config.event}
          testId="wait-event"
          onChange={(event) => update({ ...node, config: { ...config, event } }, 'event')}
        />
        <FiltersField
          filters={config.filters}
          event={config.event}
          testId="wait-filters"
          onChange={(filters) => update({ ...node, config: { ...config, filters } }, 'filters')}
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={config.lookback === 'entry'}
            data-testid="wait-lookback"
            onChange={(event) =>
              update({ ...node, config: { ...config, lookback: event.target.checked ? 'entry' : 'none' } }, 'lookback')
            }
          />
          Count it if it already happened after the user entered the journey
        </label>
      </Section>
      <Section title="Gives up after">
        <DurationSpecField
          label="Timeout"
          value={config.timeout}
          journey={journey}
          testId="wait-timeout"
          onChange={(timeout, before) => update({ ...node, config: { ...config, timeout } }, 'timeout', before)}
        />
        <p className="field__hint">
          Users who do it go out by “happened”; the others go out by “timed out” when the time is up.
        </p>
      </Section>
    </>
  );
}
