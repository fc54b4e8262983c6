import './deliverability.css';
import { useEffect, useState } from 'react';
import { useAppStore, useAppStoreApi } from '../store/context';

type Outcome = { kind: 'ok' | 'error'; text: string } | null;

const asText = (value: number | null) => (value === null ? '' : String(value));
/** Empty is no limit; otherwise a whole number of at least 1. */
const parse = (text: string): number | null | 'bad' => {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isInteger(value) && value >= 1 ? value : 'bad';
};

/** Settings → Sending rate: how fast emails go out, to warm up a new sending domain. */
export function RateCard() {
  const store = useAppStoreApi();
  const rate = useAppStore((state) => state.sendingRate);
  const [form, setForm] = useState<{ perMinute: string; perHour: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  useEffect(() => {
    void store.getState().loadSendingRate();
  }, [store]);
  useEffect(() => {
    if (rate && !form) setForm({ perMinute: asText(rate.perMinute), perHour: asText(rate.perHour) });
  }, [rate, form]);
  if (!form) return null;

  const perMinute = parse(form.perMinute);
  const perHour = parse(form.perHour);
  const valid = perMinute !== 'bad' && perHour !== 'bad';
  const change = (patch: Partial<typeof form>) => {
    setForm({ ...form, ...patch });
    setOutcome(null);
  };
  const save = async () => {
    if (!valid) return;
    setSaving(true);
    const result = await store.getState().saveSendingRate({ perMinute, perHour });
    setSaving(false);
    setOutcome(
      result.ok
        ? {
            kind: 'ok',
            text:
              perMinute === null && perHour === null
                ? 'Saved: no limit.'
                : 'Saved. The sender keeps to it from now on.',
          }
        : { kind: 'error', text: result.error.message },
    );
  };

  return (
    <section className="card" aria-labelledby="rate-title" data-testid="rate-settings">
      <h2 className="card__title" id="rate-title">
        Sending rate
      </h2>
      <p className="card__hint">
        A new sending domain earns trust slowly: start with a few emails an hour and raise the limit over a few weeks.
        Emails over the limit wait their turn; nothing is skipped. Leave a box empty for no limit.
      </p>
      <div className="rate-form__sentence">
        <span>At most</span>
        <input
          className="input rate-form__number"
          inputMode="numeric"
          aria-label="Emails per minute at most"
          data-testid="rate-minute"
          placeholder="no limit"
          aria-invalid={perMinute === 'bad'}
          value={form.perMinute}
          onChange={(event) => change({ perMinute: event.target.value })}
        />
        <span>emails a minute and</span>
        <input
          className="input rate-form__number"
          inputMode="numeric"
          aria-label="Emails per hour at most"
          data-testid="rate-hour"
          placeholder="no limit"
          aria-invalid={perHour === 'bad'}
          value={form.perHour}
          onChange={(event) => change({ perHour: event.target.value })}
        />
        <span>an hour</span>
      </div>
      <div className="limits-form__actions">
        <button
          type="button"
          className="button button--primary"
          data-testid="rate-save"
          disabled={saving || !valid}
          onClick={save}
        >
          {saving ? 'Saving…' : 'Save rate'}
        </button>
        {!valid && <span className="field__hint">Enter whole numbers of at least 1, or leave a box empty.</span>}
        {outcome && (
          <span
            className={`limits-form__result limits-form__result--${outcome.kind}`}
            role={outcome.kind === 'error' ? 'alert' : 'status'}
            data-testid="rate-result"
          >
            {outcome.text}
          </span>
        )}
      </div>
    </section>
  );
}
