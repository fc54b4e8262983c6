import './reports.css';
import { useEffect, useState } from 'react';
import { type DayPeriod, isValidPeriod, lastDays } from '../model/period';

const PRESETS = [7, 30, 90] as const;

/**
 * Two dates (UTC days, both included) and quick ranges. A change is applied when both dates read
 * and the first is not after the second; until then the fields say what is wrong.
 */
export function PeriodPicker({
  value,
  onChange,
  testId = 'period',
  compact = false,
}: {
  value: DayPeriod;
  onChange: (period: DayPeriod) => void;
  testId?: string;
  compact?: boolean;
}) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const valid = isValidPeriod(draft);
  const apply = (next: DayPeriod) => {
    setDraft(next);
    if (isValidPeriod(next)) onChange(next);
  };
  const active = PRESETS.find((days) => {
    const preset = lastDays(days);
    return preset.from === value.from && preset.to === value.to;
  });
  return (
    <fieldset className={`period${compact ? ' period--compact' : ''}`} data-testid={testId}>
      <legend className="visually-hidden">Period (UTC days)</legend>
      <fieldset className="period__presets">
        <legend className="visually-hidden">Quick ranges</legend>
        {PRESETS.map((days) => (
          <button
            key={days}
            type="button"
            className={`period__preset${active === days ? ' period__preset--on' : ''}`}
            aria-pressed={active === days}
            data-testid={`${testId}-last-${days}`}
            onClick={() => apply(lastDays(days))}
          >
            {days} days
          </button>
        ))}
      </fieldset>
      {(['from', 'to'] as const).map((end) => (
        <label key={end} className="period__field">
          <span>{end === 'from' ? 'From' : 'to'}</span>
          <input
            className="input"
            type="date"
            value={draft[end]}
            aria-invalid={!valid}
            data-testid={`${testId}-${end}`}
            onChange={(event) => apply({ ...draft, [end]: event.target.value })}
          />
        </label>
      ))}
      {!valid && (
        <span className="period__error" role="alert">
          The first day must not be after the last.
        </span>
      )}
    </fieldset>
  );
}
