import { useId, useMemo, useState } from 'react';
import { humanizeName } from '../../../shared/journey/humanize';
import { guaranteedRefs } from '../../../shared/journey/presence';
import type { Journey } from '../../../shared/journey/schema';
import { labelName, labelVariable } from '../model/labels';
import { useAppStoreApi } from '../store/context';
import { usePropertySuggestions, useTraitSuggestions, useValueChoices } from '../store/suggestions';

interface Variable {
  ref: string;
  label: string;
  /** Always has a value, so it needs no fallback. */
  always?: boolean;
  sample?: string;
  /** What the option shows in brackets instead of `ref` (a display name names its label variable). */
  shown?: string;
}

/** What a variable stands for, as a Liquid output with a fallback for users who lack it. */
export function variableSnippet(ref: string, fallback: string, always = false): string {
  if (always || fallback === '') return `{{ ${ref} }}`;
  return `{{ ${ref} | default: "${fallback.replaceAll('"', '”')}" }}`;
}

/** A choice that inserts a value's display name, from a label map: `as-name:trigger.integration_type`. */
const AS_NAME = 'as-name:';

/**
 * Inserts a variable (a user trait, a property of the event that started the journey, a journey
 * variable) with a fallback for when it is missing.
 */
export function VariablePicker({ journey, onInsert }: { journey: Journey; onInsert: (snippet: string) => void }) {
  const store = useAppStoreApi();
  const traits = useTraitSuggestions();
  const triggerEvent = journey.nodes.find((node) => node.type === 'trigger');
  const properties = usePropertySuggestions(
    triggerEvent?.type === 'trigger' && triggerEvent.config.event ? triggerEvent.config.event : undefined,
  );
  const groups = useMemo(
    () => [
      {
        label: 'The user',
        items: traits.map(
          (trait): Variable => ({ ref: `user.${trait.key}`, label: humanizeName(trait.key), sample: trait.samples[0] }),
        ),
      },
      {
        label: 'The event that started the journey',
        items: properties.map(
          (property): Variable => ({
            ref: `trigger.${property.key}`,
            label: humanizeName(property.key),
            sample: property.samples[0],
          }),
        ),
      },
      {
        label: 'Display names for copy (Stripe, custom API…)',
        items: properties.map(
          (property): Variable => ({
            ref: `${AS_NAME}trigger.${property.key}`,
            label: `${humanizeName(property.key)}, as a display name`,
            shown: `vars.${labelName(`trigger.${property.key}`)}`,
            always: true,
          }),
        ),
      },
      {
        label: 'Journey variables',
        items: journey.variables.map(
          (variable): Variable => ({ ref: `vars.${variable.name}`, label: humanizeName(variable.name), always: true }),
        ),
      },
      {
        label: 'Other',
        items: [
          { ref: 'unsubscribe_url', label: 'Unsubscribe link', always: true },
          { ref: 'journey.name', label: 'Journey name', always: true },
        ],
      },
    ],
    [traits, properties, journey.variables],
  );
  const all = groups.flatMap((group) => group.items);
  const [ref, setRef] = useState(all[0]?.ref ?? 'user.email');
  const [fallback, setFallback] = useState('');
  const chosen = all.find((item) => item.ref === ref);
  // A value every run has (the trigger's filter requires it; emails only go to an address) needs no fallback.
  const present = useMemo(() => new Set([...guaranteedRefs(journey), 'user.email']), [journey]);
  const always = chosen?.always || present.has(ref);
  const needsFallback = !always && fallback.trim() === '';
  const id = useId();
  // A display name comes from a label map (a journey variable): made on first use, edited in Settings.
  const labelRef = ref.startsWith(AS_NAME) ? ref.slice(AS_NAME.length) : '';
  const seen = useValueChoices(labelRef);
  const label = labelRef
    ? labelVariable(
        journey,
        labelRef,
        seen.map((choice) => choice.value),
      )
    : undefined;
  const insert = () => {
    if (!label) {
      onInsert(variableSnippet(ref, fallback, always));
      return;
    }
    if (label.isNew) {
      store.getState().edit({ type: 'update_journey', changes: { variables: [...journey.variables, label.variable] } });
    }
    onInsert(`{{ vars.${label.variable.name} }}`);
  };
  return (
    <fieldset className="variable-picker" data-testid="variable-picker">
      <legend className="field__label">Insert a variable</legend>
      <select
        id={`${id}-ref`}
        className="input input--select input--inline"
        aria-label="Variable"
        value={ref}
        data-testid="variable-choice"
        onChange={(event) => setRef(event.target.value)}
      >
        {groups.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.items.map((item) => (
              <option key={item.ref} value={item.ref}>
                {item.label} ({item.shown ?? item.ref})
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {!always && (
        <input
          className="input input--inline"
          aria-label="Fallback when missing"
          aria-describedby={`${id}-why`}
          placeholder={chosen?.sample ? `if missing, e.g. ${chosen.sample}` : 'if missing, e.g. there'}
          value={fallback}
          data-testid="variable-fallback"
          onChange={(event) => setFallback(event.target.value)}
        />
      )}
      <button type="button" className="button" data-testid="variable-insert" disabled={needsFallback} onClick={insert}>
        Insert
      </button>
      {label && (
        <p className="field__hint variable-picker__why" data-testid="label-map-hint">
          {Object.values(label.variable.map).slice(0, 4).join(', ') || 'No values seen yet'}
          {label.isNew ? ': a label map made on insert' : ''}; change the names under Settings → Variables (
          {label.variable.name}).
        </p>
      )}
      {needsFallback && (
        <p className="field__hint variable-picker__why" id={`${id}-why`}>
          Write a fallback: people without this value would read a gap.
        </p>
      )}
    </fieldset>
  );
}
