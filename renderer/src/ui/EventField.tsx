import { humanizeEvent } from '../../../shared/journey/humanize';
import { useEventSuggestions } from '../store/suggestions';
import { TextField } from './fields';

/** An event name, with the names seen in stored events and in this journey offered as you type. */
export function EventField({
  label,
  value,
  onChange,
  testId,
  hint,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId?: string;
  hint?: string;
}) {
  const suggestions = useEventSuggestions();
  return (
    <TextField
      label={label}
      value={value}
      onChange={onChange}
      placeholder="e.g. api_key_created"
      testId={testId}
      suggestions={suggestions}
      error={value === '' ? 'Choose an event.' : undefined}
      hint={value ? `Reads as “${humanizeEvent(value)}”${hint ? `. ${hint}` : ''}` : hint}
    />
  );
}
