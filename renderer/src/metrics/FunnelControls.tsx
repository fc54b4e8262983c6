import { useMemo, useState } from 'react';
import { useAppStore, useAppStoreApi } from '../store/context';
import { useEventSuggestions } from '../store/suggestions';

const FIXED = [
  { value: '', label: 'Everyone together' },
  { value: 'integration_type', label: 'Integration type' },
  { value: 'role', label: 'Role' },
  { value: 'source', label: 'Source' },
];

/** The breakdown (integration type, role, source, any trait) and the activation event, remembered once chosen. */
export function FunnelControls({ activationEvent }: { activationEvent: string | null }) {
  const store = useAppStoreApi();
  const by = useAppStore((state) => state.metricsBy);
  const traits = useAppStore((state) => state.catalog.traits);
  const events = useEventSuggestions();
  const [activation, setActivation] = useState<string | null>(null);
  const options = useMemo(() => {
    const known = new Set(FIXED.map((o) => o.value));
    const more = traits
      .map((t) => t.key)
      .filter((key) => !known.has(key) && !['email', 'createdAt', 'unsubscribed'].includes(key))
      .map((key) => ({ value: key, label: `Trait: ${key}` }));
    if (by !== null && !known.has(by) && !more.some((o) => o.value === by))
      more.push({ value: by, label: `Trait: ${by}` });
    return [...FIXED, ...more];
  }, [traits, by]);
  const typed = activation ?? activationEvent ?? '';
  const save = () => {
    const next = typed.trim() || null;
    if (next !== activationEvent) void store.getState().setActivationEvent(next);
    setActivation(null);
  };
  return (
    <div className="metrics-controls">
      <label className="metrics-controls__field">
        <span>Break down by</span>
        <select
          className="input input--select"
          value={by ?? ''}
          data-testid="metrics-by"
          onChange={(event) => store.getState().setMetricsBy(event.target.value || null)}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <form
        className="metrics-controls__field"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <label htmlFor="activation-event">Activation event</label>
        <input
          id="activation-event"
          className="input"
          list="activation-events"
          placeholder="e.g. workspace_activated"
          value={typed}
          data-testid="metrics-activation"
          onChange={(event) => setActivation(event.target.value)}
          onBlur={save}
        />
        <datalist id="activation-events">
          {events.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <span className="metrics-controls__hint">Compared between users who connected and those who did not.</span>
      </form>
    </div>
  );
}
