import { type ReactNode, useId } from 'react';

/** A labelled form row. */
export function Field({
  label,
  hint,
  error,
  children,
  id,
}: {
  label: string;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
  id: string;
}) {
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children}
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : (
        hint && <p className="field__hint">{hint}</p>
      )}
    </div>
  );
}

export function TextField({
  label,
  value,
  onChange,
  placeholder,
  hint,
  error,
  testId,
  multiline = false,
  rows = 4,
  suggestions,
  onBlur,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  hint?: ReactNode;
  error?: string;
  testId?: string;
  multiline?: boolean;
  rows?: number;
  suggestions?: readonly string[];
  onBlur?: () => void;
}) {
  const id = useId();
  const listId = `${id}-list`;
  return (
    <Field label={label} hint={hint} error={error} id={id}>
      {multiline ? (
        <textarea
          id={id}
          className="input input--multiline"
          value={value}
          rows={rows}
          placeholder={placeholder}
          data-testid={testId}
          aria-invalid={error ? true : undefined}
          onChange={(event) => onChange(event.target.value)}
          onBlur={onBlur}
        />
      ) : (
        <input
          id={id}
          className="input"
          value={value}
          placeholder={placeholder}
          data-testid={testId}
          aria-invalid={error ? true : undefined}
          list={suggestions ? listId : undefined}
          autoComplete="off"
          onChange={(event) => onChange(event.target.value)}
          onBlur={onBlur}
        />
      )}
      {suggestions && <Suggestions id={listId} values={suggestions} />}
    </Field>
  );
}

/** A value offered as you type; a `label` says what it means ("12 events · category oauth"). */
export type Suggestion = string | { value: string; label: string };

export function Suggestions({ id, values }: { id: string; values: readonly Suggestion[] }) {
  return (
    <datalist id={id}>
      {values.map((suggestion) =>
        typeof suggestion === 'string' ? (
          <option key={suggestion} value={suggestion} />
        ) : (
          <option key={suggestion.value} value={suggestion.value} label={suggestion.label} />
        ),
      )}
    </datalist>
  );
}

export function SelectField<T extends string>({
  label,
  value,
  options,
  onChange,
  hint,
  testId,
}: {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  hint?: ReactNode;
  testId?: string;
}) {
  const id = useId();
  return (
    <Field label={label} hint={hint} id={id}>
      <select
        id={id}
        className="input input--select"
        value={value}
        data-testid={testId}
        onChange={(event) => onChange(event.target.value as T)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A compact inline control inside a sentence: no label row, an accessible name instead. */
export function InlineInput({
  value,
  onChange,
  label,
  placeholder,
  testId,
  width,
  suggestions,
  type = 'text',
  min,
}: {
  value: string;
  onChange: (value: string) => void;
  label: string;
  placeholder?: string;
  testId?: string;
  width?: string;
  suggestions?: readonly Suggestion[];
  type?: 'text' | 'number' | 'time';
  min?: number;
}) {
  const id = useId();
  return (
    <>
      <input
        className="input input--inline"
        aria-label={label}
        value={value}
        type={type}
        min={min}
        placeholder={placeholder}
        data-testid={testId}
        style={width ? { width } : undefined}
        list={suggestions ? `${id}-list` : undefined}
        autoComplete="off"
        onChange={(event) => onChange(event.target.value)}
      />
      {suggestions && <Suggestions id={`${id}-list`} values={suggestions} />}
    </>
  );
}

/** A choice in a sentence; options with a `group` are listed under that heading, after the others. */
export function InlineSelect<T extends string>({
  value,
  options,
  onChange,
  label,
  testId,
}: {
  value: T;
  options: readonly { value: T; label: string; group?: string }[];
  onChange: (value: T) => void;
  label: string;
  testId?: string;
}) {
  const option = (choice: { value: T; label: string }) => (
    <option key={choice.value} value={choice.value}>
      {choice.label}
    </option>
  );
  const groups = [...new Set(options.flatMap((choice) => (choice.group ? [choice.group] : [])))];
  return (
    <select
      className="input input--inline input--select"
      aria-label={label}
      value={value}
      data-testid={testId}
      onChange={(event) => onChange(event.target.value as T)}
    >
      {options.filter((choice) => !choice.group).map(option)}
      {groups.map((group) => (
        <optgroup key={group} label={group}>
          {options.filter((choice) => choice.group === group).map(option)}
        </optgroup>
      ))}
    </select>
  );
}

export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="form-section">
      <div className="form-section__header">
        <h3 className="form-section__title">{title}</h3>
        {actions}
      </div>
      {children}
    </section>
  );
}

export function IconButton({
  label,
  onClick,
  testId,
  children,
}: {
  label: string;
  onClick: () => void;
  testId?: string;
  children?: ReactNode;
}) {
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={label}
      title={label}
      data-testid={testId}
      onClick={onClick}
    >
      {children ?? (
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
          <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
        </svg>
      )}
    </button>
  );
}

export function AddButton({ label, onClick, testId }: { label: string; onClick: () => void; testId?: string }) {
  return (
    <button type="button" className="link-button" data-testid={testId} onClick={onClick}>
      + {label}
    </button>
  );
}

/** A choice of a few options shown as a segmented control (radio buttons underneath). */
export function Segmented<T extends string>({
  label,
  value,
  options,
  onChange,
  testId,
}: {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  testId?: string;
}) {
  const name = useId();
  return (
    <fieldset className="segmented">
      <legend className="visually-hidden">{label}</legend>
      {options.map((option) => (
        <label
          key={option.value}
          className={`segmented__option${option.value === value ? ' segmented__option--on' : ''}`}
          data-testid={testId ? `${testId}-${option.value}` : undefined}
        >
          <input
            type="radio"
            className="visually-hidden"
            name={name}
            value={option.value}
            checked={option.value === value}
            onChange={() => onChange(option.value)}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
