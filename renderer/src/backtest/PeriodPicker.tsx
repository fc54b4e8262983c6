import { useId } from 'react';
import { lastDays } from '../store/backtestSlice';

const DAY = 86_400_000;
const PRESETS = [7, 30, 90] as const;

/** `2026-03-08` for the UTC day of a time, as a date input shows it. */
const dayOf = (at: number) => new Date(at).toISOString().slice(0, 10);

/**
 * The backtest's period: from the start of one UTC day to the end of another, typed or picked, or
 * one of the last 7, 30 or 90 days.
 */
export function PeriodPicker({
  period,
  disabled,
  onChange,
}: {
  period: { from: number; to: number };
  disabled: boolean;
  onChange(period: { from: number; to: number }): void;
}) {
  const id = useId();
  const set = (field: 'from' | 'to', value: string) => {
    const at = Date.parse(`${value}T00:00:00Z`);
    if (Number.isNaN(at)) return;
    const next = field === 'from' ? { ...period, from: at } : { ...period, to: at + DAY };
    if (next.from < next.to) onChange(next);
  };
  return (
    <fieldset className="period-picker" disabled={disabled}>
      <legend className="period-picker__legend">Period (UTC)</legend>
      <div className="period-picker__dates">
        <label className="period-picker__date" htmlFor={`${id}-from`}>
          <span>From</span>
        </label>
        <label className="period-picker__date" htmlFor={`${id}-to`}>
          <span>To (included)</span>
        </label>
        <input
          id={`${id}-from`}
          className="input"
          type="date"
          data-testid="backtest-from"
          value={dayOf(period.from)}
          onChange={(event) => set('from', event.target.value)}
        />
        <input
          id={`${id}-to`}
          className="input"
          type="date"
          data-testid="backtest-to"
          value={dayOf(period.to - DAY)}
          onChange={(event) => set('to', event.target.value)}
        />
      </div>
      <div className="period-picker__presets">
        {PRESETS.map((days) => {
          const preset = lastDays(days);
          const on = preset.from === period.from && preset.to === period.to;
          return (
            <button
              key={days}
              type="button"
              className={`chip-button${on ? ' chip-button--on' : ''}`}
              aria-pressed={on}
              data-testid={`backtest-last-${days}`}
              onClick={() => onChange(preset)}
            >
              Last {days} days
            </button>
          );
        })}
      </div>
    </fieldset>
  );
}
