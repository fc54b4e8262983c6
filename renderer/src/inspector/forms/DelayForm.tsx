import type { Journey, NodeOf } from '../../../../shared/journey/schema';
import { DurationSpecField } from '../../ui/DurationField';
import { InlineInput, Section, Segmented } from '../../ui/fields';
import { useNodeEditor } from '../useNodeEditor';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export function DelayForm({ node, journey }: { node: NodeOf<'delay'>; journey: Journey }) {
  const update = useNodeEditor(node.id);
  const config = node.config;
  return (
    <Section title="Waits">
      <Segmented
        label="How long"
        value={config.mode}
        testId="delay-mode"
        options={[
          { value: 'duration', label: 'For a while' },
          { value: 'until', label: 'Until a time of day' },
        ]}
        onChange={(mode) =>
          update({ ...node, config: mode === 'duration' ? { mode, duration: '1d' } : { mode, time: '09:00' } }, 'mode')
        }
      />
      {config.mode === 'duration' ? (
        <DurationSpecField
          label="Duration"
          value={config.duration}
          journey={journey}
          testId="delay-duration"
          onChange={(duration, before) => update({ ...node, config: { ...config, duration } }, 'duration', before)}
        />
      ) : (
        <div className="field">
          <p className="sentence-row">
            <span className="sentence-word">Until</span>
            <InlineInput
              label="Time of day"
              type="time"
              value={config.time}
              onChange={(time) => update({ ...node, config: { ...config, time } }, 'time')}
            />
            <span className="sentence-word">in the user’s time zone, on</span>
          </p>
          <div className="day-picker">
            {DAYS.map((day) => {
              const on = config.days?.includes(day) ?? false;
              return (
                <button
                  key={day}
                  type="button"
                  className={`chip${on ? ' chip--on' : ''}`}
                  aria-pressed={on}
                  onClick={() => {
                    const days = on ? (config.days ?? []).filter((d) => d !== day) : [...(config.days ?? []), day];
                    const { days: _drop, ...rest } = config;
                    update(
                      {
                        ...node,
                        config: days.length > 0 ? { ...rest, days: DAYS.filter((d) => days.includes(d)) } : rest,
                      },
                      'days',
                    );
                  }}
                >
                  {day.charAt(0).toUpperCase() + day.slice(1)}
                </button>
              );
            })}
          </div>
          <p className="field__hint">No day chosen means any day.</p>
        </div>
      )}
    </Section>
  );
}
