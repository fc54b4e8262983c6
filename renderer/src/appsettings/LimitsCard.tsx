import { useEffect, useState } from 'react';
import { describeDuration } from '../../../shared/journey/duration';
import { useAppStore, useAppStoreApi } from '../store/context';

/** The periods offered for the cap; a value set elsewhere (the environment, an older save) is added. */
const PERIODS = ['12h', '24h', '48h', '7d'];

interface Form {
  on: boolean;
  max: string;
  per: string;
}

type Outcome = { kind: 'ok' | 'error'; text: string } | null;

/** How many emails one person may get from all journeys together (the frequency cap across journeys). */
export function LimitsCard() {
  const store = useAppStoreApi();
  const limits = useAppStore((state) => state.sendingLimits);
  const [form, setForm] = useState<Form | null>(null);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  useEffect(() => {
    void store.getState().loadSendingLimits();
  }, [store]);
  useEffect(() => {
    if (limits && form === null) {
      const cap = limits.globalCap;
      setForm({ on: cap !== null, max: String(cap?.max ?? 3), per: cap?.per ?? '24h' });
    }
  }, [limits, form]);

  if (!limits || !form) return null;
  const fromEnv = limits.fromEnv;
  const max = Number(form.max);
  const maxValid = Number.isInteger(max) && max >= 1 && max <= 1000;
  const periods = PERIODS.includes(form.per) ? PERIODS : [...PERIODS, form.per];
  const change = (patch: Partial<Form>) => {
    setForm({ ...form, ...patch });
    setOutcome(null);
  };
  const save = async () => {
    setSaving(true);
    const result = await store.getState().saveSendingLimits(form.on ? { max, per: form.per } : null);
    setSaving(false);
    setOutcome(
      result.ok
        ? { kind: 'ok', text: 'Saved. It applies to every email from now on.' }
        : { kind: 'error', text: result.error.message },
    );
  };

  return (
    <section className="card" aria-labelledby="limits-title" data-testid="limits-settings">
      <h2 className="card__title" id="limits-title">
        Sending limits
      </h2>
      <p className="card__hint">
        However many journeys someone is in, they get no more than this. An email over the limit is skipped, and their
        timeline says why. Each journey can also set its own limit and quiet hours in its settings.
      </p>
      <fieldset className="limits-form" disabled={fromEnv || saving}>
        <label className="checkbox">
          <input
            type="checkbox"
            data-testid="cap-enabled"
            checked={form.on}
            onChange={(event) => change({ on: event.target.checked })}
          />
          Limit how many emails one person gets from all journeys together
        </label>
        {form.on && (
          <div className="limits-form__sentence">
            <span>At most</span>
            <input
              className="input limits-form__max"
              data-testid="cap-max"
              inputMode="numeric"
              aria-label="Emails at most"
              aria-invalid={!maxValid}
              value={form.max}
              onChange={(event) => change({ max: event.target.value })}
            />
            <span>{max === 1 ? 'email' : 'emails'} every</span>
            <select
              className="input input--select limits-form__per"
              data-testid="cap-per"
              aria-label="Period"
              value={form.per}
              onChange={(event) => change({ per: event.target.value })}
            >
              {periods.map((per) => (
                <option key={per} value={per}>
                  {describeDuration(per)}
                </option>
              ))}
            </select>
          </div>
        )}
      </fieldset>
      {fromEnv ? (
        <p className="setting-row__note setting-row__note--env" data-testid="cap-env">
          Set by the <code>DRIPAGENT_FREQUENCY_CAP</code> environment variable: change it there.
        </p>
      ) : (
        <div className="limits-form__actions">
          <button
            type="button"
            className="button button--primary"
            data-testid="cap-save"
            disabled={saving || (form.on && !maxValid)}
            onClick={save}
          >
            {saving ? 'Saving…' : 'Save limit'}
          </button>
          {form.on && !maxValid && <span className="field__hint">Enter a whole number from 1 to 1000.</span>}
          {outcome && (
            <span
              className={`limits-form__result limits-form__result--${outcome.kind}`}
              role={outcome.kind === 'error' ? 'alert' : 'status'}
              data-testid="cap-result"
            >
              {outcome.text}
            </span>
          )}
        </div>
      )}
    </section>
  );
}
