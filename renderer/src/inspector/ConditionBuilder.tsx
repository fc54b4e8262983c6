import type { Condition, ConditionGroup, EventWindow } from '../../../shared/journey/schema';
import { formatValue, needsValue, OPS, valueFor } from '../model/comparisons';
import { describeCondition } from '../model/describe';
import {
  useEventSuggestions,
  usePropertySuggestions,
  useTraitSuggestions,
  useValueChoices,
} from '../store/suggestions';
import { DurationInput } from '../ui/DurationField';
import { FiltersField } from '../ui/FiltersField';
import { AddButton, IconButton, InlineInput, InlineSelect } from '../ui/fields';

type Kind = Condition['kind'];

const KINDS: { value: Kind; label: string }[] = [
  { value: 'event', label: 'Event' },
  { value: 'event_count', label: 'Event, N times' },
  { value: 'trait', label: 'User trait' },
  { value: 'value', label: 'Other value' },
];

function newRule(kind: Kind): Condition {
  switch (kind) {
    case 'trait':
      return { kind, trait: 'role', op: 'equals', value: '' };
    case 'value':
      return { kind, ref: 'trigger.integration_type', op: 'equals', value: '' };
    case 'event':
      return { kind, event: '', filters: [], happened: true, window: { anchor: 'ever' } };
    case 'event_count':
      return { kind, event: '', filters: [], atLeast: 2, window: { anchor: 'now', within: '12h' } };
    default:
      return kind satisfies never;
  }
}

type WindowChoice = 'ever' | 'now' | 'entry' | 'entry_within' | 'trait' | 'trigger';

const WINDOW_CHOICES: { value: WindowChoice; label: string }[] = [
  { value: 'ever', label: 'ever' },
  { value: 'now', label: 'in the last' },
  { value: 'entry', label: 'since entering' },
  { value: 'entry_within', label: 'within … of entering' },
  { value: 'trait', label: 'within … of a date trait' },
  { value: 'trigger', label: 'since the trigger' },
];

function windowChoice(window: EventWindow): WindowChoice {
  if (window.anchor === 'entry') return window.within ? 'entry_within' : 'entry';
  return window.anchor;
}

function windowFor(choice: WindowChoice, current: EventWindow): EventWindow {
  const within = current.within ?? '1h';
  switch (choice) {
    case 'ever':
      return { anchor: 'ever' };
    case 'now':
      return { anchor: 'now', within };
    case 'entry':
      return { anchor: 'entry' };
    case 'entry_within':
      return { anchor: 'entry', within };
    case 'trait':
      return { anchor: 'trait', trait: current.trait ?? 'createdAt', within };
    case 'trigger':
      return { anchor: 'trigger' };
    default:
      return choice satisfies never;
  }
}

/** "in the last 12 hours", "within 1 hour of createdAt (sign-up)": the window of an event rule. */
function WindowControls({
  window,
  onChange,
  testId,
}: {
  window: EventWindow;
  onChange: (w: EventWindow) => void;
  testId: string;
}) {
  const choice = windowChoice(window);
  const traits = useTraitSuggestions().map((trait) => trait.key);
  return (
    <>
      <InlineSelect
        label="When"
        value={choice}
        options={WINDOW_CHOICES}
        testId={`${testId}-window`}
        onChange={(next) => onChange(windowFor(next, window))}
      />
      {(choice === 'now' || choice === 'entry_within' || choice === 'trait') && (
        <DurationInput
          label="Window"
          value={window.within ?? ''}
          testId={`${testId}-within`}
          onChange={(within) => onChange({ ...window, within })}
        />
      )}
      {choice === 'trait' && (
        <>
          <span className="sentence-word">of</span>
          <InlineInput
            label="Date trait"
            value={window.trait ?? ''}
            suggestions={traits}
            width="7.5em"
            testId={`${testId}-trait`}
            onChange={(trait) => onChange({ ...window, trait })}
          />
          {/^(createdat|created_at|signedupat|signed_up_at)$/i.test(window.trait ?? '') && (
            <span className="sentence-word sentence-word--quiet">(sign-up)</span>
          )}
        </>
      )}
    </>
  );
}

function RuleEditor({
  rule,
  onChange,
  testId,
}: {
  rule: Condition;
  onChange: (rule: Condition) => void;
  testId: string;
}) {
  const events = useEventSuggestions();
  const traits = useTraitSuggestions();
  const properties = usePropertySuggestions(
    rule.kind === 'event' || rule.kind === 'event_count' ? rule.event : undefined,
  );
  // Values seen in stored data, each with what it means here ("category oauth").
  const choices = useValueChoices(rule.kind === 'trait' ? `user.${rule.trait}` : rule.kind === 'value' ? rule.ref : '');
  switch (rule.kind) {
    case 'trait': {
      return (
        <>
          <InlineInput
            label="Trait"
            value={rule.trait}
            suggestions={traits.map((t) => t.key)}
            width="8em"
            testId={`${testId}-trait`}
            onChange={(trait) => onChange({ ...rule, trait })}
          />
          <InlineSelect
            label="Comparison"
            value={rule.op}
            options={OPS}
            testId={`${testId}-op`}
            onChange={(op) => onChange({ ...rule, op, value: valueFor(op, formatValue(rule.value)) })}
          />
          {needsValue(rule.op) && (
            <InlineInput
              label="Value"
              value={formatValue(rule.value)}
              suggestions={choices}
              width="8em"
              testId={`${testId}-value`}
              onChange={(text) => onChange({ ...rule, value: valueFor(rule.op, text) })}
            />
          )}
        </>
      );
    }
    case 'value':
      return (
        <>
          <InlineInput
            label="Value of"
            value={rule.ref}
            placeholder="trigger.integration_type"
            width="11em"
            testId={`${testId}-ref`}
            onChange={(ref) => onChange({ ...rule, ref })}
          />
          <InlineSelect
            label="Comparison"
            value={rule.op}
            options={OPS}
            onChange={(op) => onChange({ ...rule, op, value: valueFor(op, formatValue(rule.value)) })}
          />
          {needsValue(rule.op) && (
            <InlineInput
              label="Value"
              value={formatValue(rule.value)}
              suggestions={choices}
              width="8em"
              onChange={(text) => onChange({ ...rule, value: valueFor(rule.op, text) })}
            />
          )}
        </>
      );
    case 'event':
      return (
        <>
          <InlineInput
            label="Event"
            value={rule.event}
            placeholder="event name"
            suggestions={events}
            width="11em"
            testId={`${testId}-event`}
            onChange={(event) => onChange({ ...rule, event })}
          />
          <InlineSelect
            label="Happened or not"
            value={rule.happened ? 'yes' : 'no'}
            options={[
              { value: 'yes', label: 'has happened' },
              { value: 'no', label: 'has not happened' },
            ]}
            testId={`${testId}-happened`}
            onChange={(answer) => onChange({ ...rule, happened: answer === 'yes' })}
          />
          <WindowControls window={rule.window} testId={testId} onChange={(window) => onChange({ ...rule, window })} />
          <div className="sentence-break">
            <FiltersField
              filters={rule.filters}
              event={rule.event}
              testId={`${testId}-filters`}
              onChange={(filters) => onChange({ ...rule, filters })}
            />
          </div>
        </>
      );
    case 'event_count':
      return (
        <>
          <InlineInput
            label="Event"
            value={rule.event}
            placeholder="event name"
            suggestions={events}
            width="11em"
            testId={`${testId}-event`}
            onChange={(event) => onChange({ ...rule, event })}
          />
          <span className="sentence-word">happened at least</span>
          <InlineInput
            label="How many times"
            type="number"
            min={1}
            value={String(rule.atLeast)}
            width="4em"
            testId={`${testId}-times`}
            onChange={(text) => onChange({ ...rule, atLeast: Math.max(1, Math.floor(Number(text) || 1)) })}
          />
          <span className="sentence-word">times</span>
          <InlineSelect
            label="Same property"
            value={rule.sameProperty === undefined ? 'any' : 'same'}
            options={[
              { value: 'any', label: 'in any way' },
              { value: 'same', label: 'with the same' },
            ]}
            testId={`${testId}-same`}
            onChange={(mode) => {
              const { sameProperty: _drop, ...rest } = rule;
              onChange(mode === 'same' ? { ...rest, sameProperty: properties[0]?.key ?? 'error_code' } : rest);
            }}
          />
          {rule.sameProperty !== undefined && (
            <InlineInput
              label="Property"
              value={rule.sameProperty}
              suggestions={properties.map((property) => property.key)}
              width="8em"
              testId={`${testId}-property`}
              onChange={(sameProperty) => onChange({ ...rule, sameProperty })}
            />
          )}
          <WindowControls window={rule.window} testId={testId} onChange={(window) => onChange({ ...rule, window })} />
          <div className="sentence-break">
            <FiltersField
              filters={rule.filters}
              event={rule.event}
              testId={`${testId}-filters`}
              onChange={(filters) => onChange({ ...rule, filters })}
            />
          </div>
        </>
      );
    default:
      return rule satisfies never;
  }
}

/**
 * A set of rules that reads as a sentence: "Only if all of these are true: Integration started
 * has happened within 1 hour of sign-up, and Integration connected has not happened ever."
 */
export function ConditionBuilder({
  group,
  onChange,
  lead,
  testId,
}: {
  group: ConditionGroup;
  onChange: (group: ConditionGroup) => void;
  lead: string;
  testId: string;
}) {
  const replace = (index: number, rule: Condition) =>
    onChange({ ...group, rules: group.rules.map((existing, i) => (i === index ? rule : existing)) });
  return (
    <div className="condition-builder" data-testid={testId}>
      <p className="sentence-row">
        <span className="sentence-word">{lead}</span>
        <InlineSelect
          label="Match"
          value={group.match}
          options={[
            { value: 'all', label: 'all' },
            { value: 'any', label: 'any' },
          ]}
          testId={`${testId}-match`}
          onChange={(match) => onChange({ ...group, match })}
        />
        <span className="sentence-word">of these are true:</span>
      </p>
      <ol className="rules">
        {group.rules.map((rule, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rules have no identity but their place.
          <li key={index} className="rule" data-testid={`${testId}-rule-${index}`}>
            <div className="sentence-row">
              {index > 0 && (
                <span className="sentence-word sentence-word--join">{group.match === 'all' ? 'and' : 'or'}</span>
              )}
              <InlineSelect
                label="Kind of rule"
                value={rule.kind}
                options={KINDS}
                testId={`${testId}-rule-${index}-kind`}
                onChange={(kind) => kind !== rule.kind && replace(index, newRule(kind))}
              />
              <RuleEditor rule={rule} testId={`${testId}-rule-${index}`} onChange={(next) => replace(index, next)} />
              <IconButton
                label="Remove this rule"
                testId={`${testId}-rule-${index}-remove`}
                onClick={() => onChange({ ...group, rules: group.rules.filter((_, i) => i !== index) })}
              />
            </div>
            <p className="rule__reads">Reads: {describeCondition(rule)}</p>
          </li>
        ))}
      </ol>
      <AddButton
        label="Add a rule"
        testId={`${testId}-add`}
        onClick={() => onChange({ ...group, rules: [...group.rules, newRule('event')] })}
      />
    </div>
  );
}
