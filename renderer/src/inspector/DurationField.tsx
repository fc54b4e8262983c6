import type { DurationSpec, Journey } from '../../../shared/journey/schema';
import { describeDurationShort } from '../model/describe';
import type { JourneyEdit } from '../model/edit';
import { Segmented } from './fields';
import { CATEGORY_PRESETS, CATEGORY_VARIABLE, DURATION_PRESETS } from './presets';

const UNITS = [
  { value: 'm', label: 'minutes' },
  { value: 'h', label: 'hours' },
  { value: 'd', label: 'days' },
  { value: 'w', label: 'weeks' },
  { value: 's', label: 'seconds' },
] as const;

function split(text: string): { amount: string; unit: string } {
  const match = /^(\d*)(s|m|h|d|w)?$/.exec(text);
  return { amount: match?.[1] ?? '', unit: match?.[2] ?? 'h' };
}

/** A duration as an amount and a unit ("2" "hours" ⇄ "2h"). */
export function DurationInput({
  value,
  onChange,
  label,
  testId,
}: {
  value: string;
  onChange: (value: string) => void;
  label: string;
  testId?: string;
}) {
  const { amount, unit } = split(value);
  return (
    <span className="duration-input" data-testid={testId}>
      <input
        className="input input--inline input--number"
        type="number"
        min={0}
        aria-label={`${label}: amount`}
        value={amount}
        data-testid={testId ? `${testId}-amount` : undefined}
        onChange={(event) => onChange(`${event.target.value.replace(/\D/g, '')}${unit}`)}
      />
      <select
        className="input input--inline input--select"
        aria-label={`${label}: unit`}
        value={unit}
        data-testid={testId ? `${testId}-unit` : undefined}
        onChange={(event) => onChange(`${amount}${event.target.value}`)}
      >
        {UNITS.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </span>
  );
}

/** A labelled duration with the guide's presets: OAuth 30 min / 6 h / 2 d, API 2 h / 24 h / 3 d, domain 12 h / 36 h / 4 d. */
export function DurationField({
  label,
  value,
  onChange,
  testId,
  presets = true,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId?: string;
  presets?: boolean;
}) {
  return (
    <fieldset className="field fieldset">
      <legend className="field__label">{label}</legend>
      <DurationInput value={value} onChange={onChange} label={label} testId={testId} />
      {presets && <DurationPresets value={value} onChange={onChange} />}
    </fieldset>
  );
}

/**
 * A duration that is the same for everyone, or depends on a value such as the integration's
 * category ("30 min for OAuth, 2 h for API, 12 h for domain").
 */
export function DurationSpecField({
  label,
  value,
  onChange,
  journey,
  testId,
}: {
  label: string;
  value: DurationSpec;
  /** `before` are edits to make in the same step (e.g. adding the category variable a preset needs). */
  onChange: (value: DurationSpec, before?: JourneyEdit[]) => void;
  journey: Journey;
  testId: string;
}) {
  const perValue = typeof value !== 'string';
  const hasCategory = journey.variables.some((variable) => variable.name === 'category');
  const needCategory: JourneyEdit[] = hasCategory
    ? []
    : [{ type: 'update_journey', changes: { variables: [...journey.variables, CATEGORY_VARIABLE] } }];
  const variables = journey.variables.map((variable) => `vars.${variable.name}`);

  return (
    <fieldset className="field fieldset duration-spec" data-testid={testId}>
      <legend className="field__label">{label}</legend>
      <Segmented
        label={`${label}: how it is chosen`}
        value={perValue ? 'category' : 'same'}
        testId={testId}
        options={[
          { value: 'same', label: 'Same for everyone' },
          { value: 'category', label: 'By integration category' },
        ]}
        onChange={(choice) => {
          if (choice === 'same' && perValue) onChange(value.default);
          const preset = CATEGORY_PRESETS[0];
          if (choice === 'category' && !perValue && preset) onChange(preset.spec, needCategory);
        }}
      />
      {!perValue ? (
        <>
          <DurationInput value={value} onChange={onChange} label={label} testId={`${testId}-value`} />
          <DurationPresets value={value} onChange={onChange} />
        </>
      ) : (
        <>
          <div className="presets presets--stack">
            {CATEGORY_PRESETS.map((preset) => {
              const on = JSON.stringify(preset.spec) === JSON.stringify(value);
              return (
                <button
                  key={preset.label}
                  type="button"
                  className={`chip chip--wide${on ? ' chip--on' : ''}`}
                  aria-pressed={on}
                  data-testid={`${testId}-preset-${preset.id}`}
                  onClick={() => onChange(preset.spec, needCategory)}
                >
                  <strong>{preset.label}</strong> {preset.description}
                </button>
              );
            })}
          </div>
          <p className="field__hint">
            Depends on{' '}
            <select
              className="input input--inline input--select"
              aria-label={`${label}: depends on`}
              value={value.by}
              onChange={(event) => onChange({ ...value, by: event.target.value })}
            >
              {[...new Set([value.by, ...variables])].map((ref) => (
                <option key={ref} value={ref}>
                  {ref}
                </option>
              ))}
            </select>
          </p>
          <table className="value-table">
            <tbody>
              {Object.entries(value.values).map(([key, duration]) => (
                <tr key={key}>
                  <th scope="row">{key}</th>
                  <td>
                    <DurationInput
                      value={duration}
                      label={`${label} for ${key}`}
                      testId={`${testId}-${key}`}
                      onChange={(next) => onChange({ ...value, values: { ...value.values, [key]: next } })}
                    />
                  </td>
                </tr>
              ))}
              <tr>
                <th scope="row">otherwise</th>
                <td>
                  <DurationInput
                    value={value.default}
                    label={`${label} otherwise`}
                    testId={`${testId}-default`}
                    onChange={(next) => onChange({ ...value, default: next })}
                  />
                </td>
              </tr>
            </tbody>
          </table>
        </>
      )}
    </fieldset>
  );
}

/** The seed's timing presets as chips, the chosen one pressed. */
function DurationPresets({ value, onChange }: { value: string; onChange: (duration: string) => void }) {
  return (
    <div className="presets">
      {DURATION_PRESETS.map((row) => (
        <div key={row.label} className="presets__row">
          <span className="presets__label">{row.label}</span>
          {row.values.map((duration) => (
            <button
              key={duration}
              type="button"
              className={`chip${duration === value ? ' chip--on' : ''}`}
              aria-pressed={duration === value}
              onClick={() => onChange(duration)}
            >
              {describeDurationShort(duration)}
            </button>
          ))}
        </div>
      ))}
    </div>
  );
}
