import type { Settings } from '../../../shared/journey/schema';
import { DurationInput } from '../ui/DurationField';
import { EventField } from '../ui/EventField';
import { InlineInput } from '../ui/fields';

const DEFAULT_GOAL = { event: 'integration_connected', within: '7d' };

/**
 * What the journey is for (an event within a window of entering) and the share of users held out
 * of its emails, so Results can say what the emails change.
 */
export function GoalSettings({
  settings,
  onChange,
}: {
  settings: Settings;
  onChange: (next: Partial<Settings>, field: string, drop?: (keyof Settings)[]) => void;
}) {
  const goal = settings.goal;
  const holdout = settings.holdoutPercent ?? 0;
  return (
    <>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={!!goal}
          data-testid="goal-enabled"
          onChange={(event) =>
            event.target.checked ? onChange({ goal: DEFAULT_GOAL }, 'goal') : onChange({}, 'goal', ['goal'])
          }
        />
        Measure a goal
      </label>
      {goal && (
        <>
          <EventField
            label="Goal event"
            value={goal.event}
            testId="goal-event"
            onChange={(event) => onChange({ goal: { ...goal, event } }, 'goal-event')}
          />
          <p className="sentence-row">
            <span className="sentence-word">Counts when it happens within</span>
            <DurationInput
              label="Goal window"
              value={goal.within}
              testId="goal-within"
              onChange={(within) => onChange({ goal: { ...goal, within } }, 'goal-within')}
            />
            <span className="sentence-word">of entering</span>
          </p>
        </>
      )}
      <p className="sentence-row">
        <span className="sentence-word">Hold out</span>
        <InlineInput
          label="Holdout percentage"
          type="number"
          min={0}
          width="4.5em"
          value={String(holdout)}
          testId="holdout-percent"
          onChange={(text) => {
            const percent = Math.min(100, Math.max(0, Math.round(Number(text) || 0)));
            if (percent === 0) onChange({}, 'holdout', ['holdoutPercent']);
            else onChange({ holdoutPercent: percent }, 'holdout');
          }}
        />
        <span className="sentence-word">% of users</span>
      </p>
      <p className="field__hint">
        Held-out users walk the journey like everyone else but get none of its emails or webhooks. Results compares
        their goal conversion with everyone else’s: what the emails change.
      </p>
    </>
  );
}
