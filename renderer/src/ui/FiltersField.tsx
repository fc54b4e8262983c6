import type { PropertyFilter } from '../../../shared/journey/schema';
import { formatValue, needsValue, OPS, valueFor } from '../model/comparisons';
import { valueMeaning } from '../model/suggestions';
import { useAppStore } from '../store/context';
import { selectDraft } from '../store/selectors';
import { usePropertySuggestions, useValueChoices } from '../store/suggestions';
import { AddButton, IconButton, InlineInput, InlineSelect } from './fields';

/** Where `sameAs` may point: the trigger's value of a property, or a user trait. */
const SAME_AS_ROOTS = [
  { value: 'value', label: 'a value' },
  { value: 'trigger', label: "the trigger's" },
  { value: 'user', label: "the user's" },
] as const;

/**
 * "where integration type is stripe": conditions on an event's properties, one row each, each
 * comparing with a typed value or with the same property of the trigger.
 */
export function FiltersField({
  filters,
  onChange,
  event,
  testId,
  root = 'event',
}: {
  filters: PropertyFilter[];
  onChange: (filters: PropertyFilter[]) => void;
  event?: string;
  testId: string;
  /** How the journey refers to these events' properties: `trigger.…` for a trigger's, `event.…` otherwise. */
  root?: 'trigger' | 'event';
}) {
  const properties = usePropertySuggestions(event);
  const keys = properties.map((property) => property.key);
  const replace = (index: number, next: PropertyFilter) =>
    onChange(filters.map((filter, i) => (i === index ? next : filter)));
  return (
    <div className="filters" data-testid={testId}>
      {filters.map((filter, index) => {
        const source = filter.sameAs ? (filter.sameAs.split('.')[0] as 'trigger' | 'user') : 'value';
        const samples = properties.find((property) => property.key === filter.property)?.samples ?? [];
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: filters have no identity but their place.
          <div key={index} className="sentence-row">
            <span className="sentence-word">where</span>
            <InlineInput
              label="Property"
              value={filter.property}
              placeholder="property"
              suggestions={keys}
              width="9.5em"
              testId={`${testId}-${index}-property`}
              onChange={(property) => replace(index, { ...filter, property })}
            />
            <InlineSelect
              label="Comparison"
              value={filter.op}
              options={OPS}
              testId={`${testId}-${index}-op`}
              onChange={(op) => {
                const { value: _old, ...rest } = filter;
                const value = valueFor(op, formatValue(filter.value));
                replace(index, value === undefined ? { ...rest, op } : { ...rest, op, value });
              }}
            />
            {needsValue(filter.op) && (
              <>
                <InlineSelect
                  label="Compare with"
                  value={source}
                  options={SAME_AS_ROOTS}
                  onChange={(root) => {
                    const { sameAs: _s, value: _v, ...rest } = filter;
                    replace(
                      index,
                      root === 'value'
                        ? { ...rest, value: '' }
                        : { ...rest, sameAs: `${root}.${filter.property || 'property'}` },
                    );
                  }}
                />
                {filter.sameAs ? (
                  <InlineInput
                    label="Same as"
                    value={filter.sameAs.slice(filter.sameAs.indexOf('.') + 1)}
                    width="8em"
                    onChange={(name) => replace(index, { ...filter, sameAs: `${source}.${name}` })}
                  />
                ) : (
                  <FilterValue
                    filter={filter}
                    event={event}
                    refName={`${root}.${filter.property}`}
                    placeholder={samples[0] ?? 'value'}
                    testId={`${testId}-${index}-value`}
                    onChange={(value) => replace(index, { ...filter, value })}
                  />
                )}
              </>
            )}
            <IconButton label="Remove this condition" onClick={() => onChange(filters.filter((_, i) => i !== index))} />
          </div>
        );
      })}
      <AddButton
        label="Only some of these events…"
        testId={`${testId}-add`}
        onClick={() => onChange([...filters, { property: '', op: 'equals', value: '' }])}
      />
    </div>
  );
}

/** A filter's value, offering the values seen in stored events and saying what the chosen one means ("category oauth"). */
function FilterValue({
  filter,
  event,
  refName,
  placeholder,
  testId,
  onChange,
}: {
  filter: PropertyFilter;
  event: string | undefined;
  refName: string;
  placeholder: string;
  testId: string;
  onChange: (value: NonNullable<PropertyFilter['value']>) => void;
}) {
  const choices = useValueChoices(refName, event);
  const journey = useAppStore(selectDraft);
  const text = formatValue(filter.value);
  const meaning = journey && !Array.isArray(filter.value) ? valueMeaning(journey, refName, text) : '';
  return (
    <>
      <InlineInput
        label="Value"
        value={text}
        placeholder={placeholder}
        suggestions={choices}
        width="8em"
        testId={testId}
        onChange={(typed) => onChange(valueFor(filter.op, typed) ?? '')}
      />
      {meaning && (
        <span className="sentence-word sentence-word--quiet" data-testid={`${testId}-meaning`}>
          ({meaning})
        </span>
      )}
    </>
  );
}
